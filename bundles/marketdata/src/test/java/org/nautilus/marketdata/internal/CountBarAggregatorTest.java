package org.nautilus.marketdata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;

class CountBarAggregatorTest {

    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");
    private static final Instant T0 = Instant.parse("2013-11-25T00:00:00Z");

    private final List<Bar> bars = new ArrayList<>();

    @Test
    void aTickBarClosesWithItsNthTradeAndCoversFirstToLastTrade() {
        BarAggregator threeTicks = BarAggregator.of(BTC, BarSpec.ticks(3));
        trade(threeTicks, 0, "800", "1");
        trade(threeTicks, 5, "805", "2");
        threeTicks.onQuoteMid(T0.plusSeconds(6), Price.of("1000"), bars::add); // quotes do not count
        assertThat(bars).isEmpty();

        trade(threeTicks, 9, "799", "0.5");

        assertThat(bars).singleElement().satisfies(bar -> {
            assertThat(bar.start()).isEqualTo(T0);
            assertThat(bar.end()).isEqualTo(T0.plusSeconds(9).plusNanos(1));
            assertThat(bar.open()).isEqualTo(Price.of("800"));
            assertThat(bar.high()).isEqualTo(Price.of("805"));
            assertThat(bar.low()).isEqualTo(Price.of("799"));
            assertThat(bar.close()).isEqualTo(Price.of("799"));
            assertThat(bar.volume()).isEqualTo(Quantity.of("3.5"));
        });
    }

    @Test
    void aVolumeBarClosesWhenTheVolumeIsReachedWithoutSplittingTheTrade() {
        BarAggregator tenCoins = BarAggregator.of(BTC, BarSpec.volume(Quantity.of("10")));
        trade(tenCoins, 0, "800", "4");
        trade(tenCoins, 1, "801", "5.9");
        assertThat(bars).isEmpty();
        trade(tenCoins, 2, "802", "3"); // crosses 10: bar of 12.9
        trade(tenCoins, 3, "803", "10"); // exactly 10: a bar of its own

        assertThat(bars).extracting(Bar::volume).containsExactly(Quantity.of("12.9"), Quantity.of("10"));
        assertThat(bars.get(1).start()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void tradesAtTheSameInstantGiveAOneNanosecondBar() {
        BarAggregator two = BarAggregator.of(BTC, BarSpec.ticks(2));
        trade(two, 0, "1", "1");
        trade(two, 0, "2", "1");
        assertThat(bars.get(0).end()).isEqualTo(T0.plusNanos(1));
        assertThat(bars.get(0).close()).isEqualTo(Price.of("2"));
    }

    private void trade(BarAggregator aggregator, long seconds, String price, String size) {
        aggregator.onTrade(T0.plusSeconds(seconds), Price.of(price), Quantity.of(size), bars::add);
    }
}
