package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyParameters;
import org.nautilus.api.strategy.StrategyState;

/** What the strategies resource answers without the runtime, and the JSON shape its documented schema describes. */
class StrategiesResourceTest {

    @Test
    void withoutTheStrategyRuntimeEveryOperationIs503() {
        StrategiesResource resource = new StrategiesResource();
        assertThatThrownBy(resource::list).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(Json.write(e.error())).contains("\"status\":503")
                        .contains("\"code\":\"STRATEGIES_UNAVAILABLE\""));
    }

    @Test
    void aFlattenFlagOtherThanTrueOrFalseIs400BeforeAnythingIsStopped() {
        StrategiesResource resource = new StrategiesResource();
        // The flag is read before the runtime is asked anything: the refusal is the flag's, not the missing service's.
        assertThatThrownBy(() -> resource.stop("ma-cross", "yes")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(Json.write(e.error())).contains("\"status\":400").contains("\"field\":\"flatten\"")
                        .contains("flatten must be true or false, got 'yes'"));
    }

    @Test
    void aStrategyIsWrittenWithItsIdsAsTextAndItsParametersAsValues() throws Exception {
        StrategyInfo info = new StrategyInfo("ma-cross", "MA crossover", StrategyState.RUNNING,
                PortfolioId.of("ma-cross"), Set.of(InstrumentId.of("AAPL")),
                StrategyParameters.of(Map.of("fast", "3", "slow", "8")), 120, 4, 3,
                Instant.parse("2026-12-07T10:00:00Z"), null);

        assertThat(Json.write(info)).contains("\"name\":\"ma-cross\"").contains("\"state\":\"RUNNING\"")
                .contains("\"portfolio\":\"ma-cross\"").contains("\"instruments\":[\"AAPL\"]")
                .contains("\"fills\":3").contains("\"since\":\"2026-12-07T10:00:00Z\"");
        // A map's order is not part of the shape (Map.of iterates in a per-JVM order): compare the values as a tree.
        assertThat(new ObjectMapper().readTree(Json.write(info)).get("parameters"))
                .isEqualTo(new ObjectMapper().readTree("{\"values\":{\"fast\":\"3\",\"slow\":\"8\"}}"));
    }
}
