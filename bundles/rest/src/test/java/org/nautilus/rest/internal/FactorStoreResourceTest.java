package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the factor store resource refuses before it asks the store (the store's own answers over HTTP are in
 * FactorStoreIT, against the real DuckDB store in the distribution).
 */
class FactorStoreResourceTest {

    private final FactorStoreResource resource = new FactorStoreResource();

    @Test
    void withoutTheStoreEveryReadIs503() {
        assertThatThrownBy(resource::contents).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(Json.write(e.error())).contains("\"status\":503")
                        .contains("\"code\":\"FACTOR_STORE_UNAVAILABLE\""));
    }

    @Test
    void badDatesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> resource.values("KMID", "AAPL", "2013-07-01", "2013-06-01", null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(Json.write(e.error()))
                        .contains("\"status\":400").contains("inverted date range"));
        assertThatThrownBy(() -> resource.values("KMID", "AAPL", "june", null, null, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(Json.write(e.error()))
                        .contains("\"field\":\"from\"").contains("'june' is not a date"));
        assertThatThrownBy(() -> resource.crossSection("KMID", "yesterday", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(Json.write(e.error()))
                        .contains("\"field\":\"asOf\""));
        assertThatThrownBy(() -> resource.crossSection("KMID", null, "fortnightly"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(Json.write(e.error()))
                        .contains("\"field\":\"bars\""));
    }

    @Test
    void aDayAsAMomentMeansItsEnd() {
        assertThat(FactorStoreResource.moment("2013-06-28")).isEqualTo(Instant.parse("2013-06-29T00:00:00Z"));
        assertThat(FactorStoreResource.moment("2013-06-28T16:00:00Z")).isEqualTo(Instant.parse("2013-06-28T16:00:00Z"));
    }
}
