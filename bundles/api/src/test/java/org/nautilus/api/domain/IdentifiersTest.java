package org.nautilus.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The identifiers' character loop accepts exactly what the documented pattern accepts. */
class IdentifiersTest {

    private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z0-9._/:\\-]{1,64}");

    @Test
    void accepts_exactly_the_documented_pattern_for_every_character() {
        for (char c = 0; c < 0x3000; c++) {
            String value = "A" + c + "1";
            boolean expected = DOCUMENTED.matcher(value).matches();
            if (expected) {
                assertThat(new InstrumentId(value).value()).isEqualTo(value);
            } else {
                assertThatThrownBy(() -> new InstrumentId(value)).as("U+%04X", (int) c)
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void refuses_empty_null_and_over_64_characters_naming_the_type() {
        assertThat(new PortfolioId("x".repeat(64)).value()).hasSize(64);
        assertThatThrownBy(() -> new PortfolioId("x".repeat(65))).hasMessage(
                "PortfolioId must be 1-64 letters, digits or . _ / : -, got '" + "x".repeat(65) + "'");
        assertThatThrownBy(() -> new VenueId("")).hasMessageStartingWith("VenueId must be 1-64");
        assertThatThrownBy(() -> new ClientOrderId(null)).hasMessageEndingWith("got 'null'");
    }
}
