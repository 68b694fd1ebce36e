package org.nautilus.marketdata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.BarSpec;

/** The API's bar spec parsing, as the gateway's configuration uses it. */
class BarSpecTest {

    @Test
    void parsesTheThreeKindsAndPrintsWhatItParses() {
        assertThat(BarSpec.parse("PT1M")).isEqualTo(BarSpec.time(Duration.ofMinutes(1)));
        assertThat(BarSpec.parse("time:p1d")).isEqualTo(BarSpec.time(Duration.ofDays(1)));
        assertThat(BarSpec.parse(" ticks:100 ")).isEqualTo(BarSpec.ticks(100));
        assertThat(BarSpec.parse("volume:2.5")).isEqualTo(BarSpec.volume(Quantity.of("2.5")));
        for (String text : new String[] {"PT1S", "ticks:7", "volume:1000"}) {
            assertThat(BarSpec.parse(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void badSpecsAreExplained() {
        assertThatThrownBy(() -> BarSpec.parse("1m")).hasMessageContaining("ISO-8601 duration");
        assertThatThrownBy(() -> BarSpec.parse("ticks:0")).hasMessageContaining("count >= 1");
        assertThatThrownBy(() -> BarSpec.parse("volume:-1")).hasMessageContaining("positive volume");
        assertThatThrownBy(() -> BarSpec.parse("range:5")).hasMessageContaining("unknown kind 'range'");
    }
}
