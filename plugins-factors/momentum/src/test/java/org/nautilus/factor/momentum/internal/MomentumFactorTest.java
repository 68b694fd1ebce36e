package org.nautilus.factor.momentum.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;

class MomentumFactorTest {

    private final MomentumFactor momentum = new MomentumFactor();

    @Test
    void returnOverTenBars() {
        // 100, 101, ..., 110: the last close is 110, ten bars earlier 100 -> +10 %.
        assertThat(momentum.compute(bars(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110)).getAsDouble())
                .isCloseTo(0.10, within(1e-12));
        // Only the last 11 bars count: a 12th, older bar changes nothing; a new last bar moves the base.
        assertThat(momentum.compute(bars(50, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110)).getAsDouble())
                .isCloseTo(0.10, within(1e-12));
        assertThat(momentum.compute(bars(100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 90)).getAsDouble())
                .isCloseTo(90.0 / 101 - 1, within(1e-12));
    }

    @Test
    void fallingPricesGiveNegativeMomentum() {
        assertThat(momentum.compute(bars(200, 1, 1, 1, 1, 1, 1, 1, 1, 1, 150)).getAsDouble())
                .isCloseTo(-0.25, within(1e-12));
    }

    @Test
    void needsElevenBars() {
        assertThat(momentum.lookback()).isEqualTo(11);
        assertThat(momentum.compute(bars(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))).isEmpty();
        assertThat(momentum.compute(List.of())).isEmpty();
        assertThat(momentum.name()).isEqualTo("momentum-10");
    }

    private static List<Bar> bars(long... closes) {
        List<Bar> bars = new ArrayList<>();
        Instant t = Instant.parse("2024-01-02T14:30:00Z");
        for (long close : closes) {
            Price price = Price.ofWhole(close);
            bars.add(new Bar(InstrumentId.of("MSFT"), t, t.plus(Duration.ofMinutes(1)), price, price, price, price,
                    Quantity.ZERO));
            t = t.plus(Duration.ofMinutes(1));
        }
        return bars;
    }
}
