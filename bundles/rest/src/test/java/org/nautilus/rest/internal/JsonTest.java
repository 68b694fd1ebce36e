package org.nautilus.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Side;

/** Each kind of bad body gets its own status, code and field. */
class JsonTest {

    private static OrderBodies.Submit read(String contentType, String body) {
        return Json.readBody(contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                OrderBodies.Submit.class);
    }

    private static ApiError refusal(String contentType, String body) {
        try {
            read(contentType, body);
        } catch (ApiException e) {
            return e.error();
        }
        throw new AssertionError("accepted: " + body);
    }

    @Test
    void aGoodBodyIsRead() {
        OrderBodies.Submit submit = read("application/json; charset=utf-8",
                "{\"symbol\":\"AAPL\",\"side\":\"BUY\",\"quantity\":\"0.5\",\"limitPrice\":101.25}");
        assertThat(submit.side()).isEqualTo(Side.BUY);
        assertThat(submit.quantity()).isEqualByComparingTo("0.5");
        assertThat(submit.limitPrice()).isEqualByComparingTo("101.25");
    }

    @Test
    void eachBadBodyHasItsOwnCode() {
        assertThat(refusal("text/plain", "{}")).extracting(ApiError::status, ApiError::code)
                .containsExactly(415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(refusal(null, "{}").code()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(refusal("application/json", "")).extracting(ApiError::status, ApiError::code)
                .containsExactly(400, "EMPTY_BODY");
        assertThat(refusal("application/json", "{\"symbol\":")).extracting(ApiError::status, ApiError::code)
                .containsExactly(400, "MALFORMED_JSON");
        assertThat(refusal("application/json", "{\"symbol\":\"AAPL\",\"colour\":\"red\"}"))
                .extracting(ApiError::code, ApiError::field).containsExactly("UNKNOWN_FIELD", "colour");
        assertThat(refusal("application/json", "{\"quantity\":\"ten\"}"))
                .extracting(ApiError::code, ApiError::field).containsExactly("WRONG_TYPE", "quantity");
        assertThat(refusal("application/json", "{\"quantity\":true}"))
                .extracting(ApiError::code, ApiError::field).containsExactly("WRONG_TYPE", "quantity");
        assertThat(refusal("application/json", "{\"side\":\"UP\"}"))
                .extracting(ApiError::code, ApiError::field).containsExactly("WRONG_TYPE", "side");
        assertThat(refusal("application/json", "{\"side\":0}"))
                .extracting(ApiError::code, ApiError::field).containsExactly("WRONG_TYPE", "side");
        assertThat(refusal("application/json", "[1,2]")).extracting(ApiError::code).isEqualTo("WRONG_TYPE");
        assertThat(refusal("application/json", "{} {}")).extracting(ApiError::status).isEqualTo(400);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWithoutReadingItAll() {
        String huge = "{\"symbol\":\"" + "A".repeat(1024 * 1024) + "\"}";
        assertThat(refusal("application/json", huge)).extracting(ApiError::status, ApiError::code)
                .containsExactly(413, "BODY_TOO_LARGE");
    }

    @Test
    void decimalsAndIdsAreWrittenAsText() {
        assertThat(Json.write(Price.of("101.50"))).isEqualTo("\"101.5\"");
        assertThat(Json.write(OrderId.of(42))).isEqualTo("\"42\"");
        assertThatThrownBy(() -> Json.readValue("{", Object.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
