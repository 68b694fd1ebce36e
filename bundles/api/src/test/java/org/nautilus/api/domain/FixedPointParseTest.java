package org.nautilus.api.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FixedPointParseTest {

    @Test
    void aHugeWholeNumberIsOutOfRangeAndTheMessageGivesTheRange() {
        assertThatThrownBy(() -> FixedPoint.parse("1000000000000000000000000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1000000000000000000000000 is out of range: the allowed range is "
                        + "-92233720368.54775808 to 92233720368.54775807")
                .hasMessageNotContaining("decimals");
    }

    @Test
    void tooManyDecimalsIsSaidSoAndNotCalledOutOfRange() {
        assertThatThrownBy(() -> FixedPoint.parse("0.123456789"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("0.123456789 has more than 8 decimals");
    }

    @Test
    void theEdgesOfTheRangeAndTrailingZerosBeyondTheScaleAreAccepted() {
        assertThat(FixedPoint.parse("92233720368.54775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(FixedPoint.parse("-92233720368.54775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(FixedPoint.parse("1.5000000000")).isEqualTo(150_000_000L);
        assertThatThrownBy(() -> FixedPoint.parse("-92233720368.54775809")).hasMessageContaining("out of range");
    }
}
