package org.nautilus.factor.technical.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;

class RsiFactorTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    @Test
    void periodThreeByHand() {
        // Changes +1, -0.5, +1, -0.5. At bar 3: avg gain 2/3, avg loss 0.5/3, RSI = 100 * 2 / 2.5 = 80.
        RsiFactor rsi = new RsiFactor(3);
        assertThat(rsi.compute(bars("10", "11", "10.5", "11.5")).getAsDouble()).isCloseTo(80.0, within(1e-9));
        // Bar 4 (change -0.5): gain (2/3*2 + 0)/3 = 4/9, loss (1/6*2 + 0.5)/3 = 5/18, RS = 1.6, RSI = 100 - 100/2.6.
        assertThat(rsi.compute(bars("10", "11", "10.5", "11.5", "11")).getAsDouble())
                .isCloseTo(100.0 - 100.0 / 2.6, within(1e-9));
    }

    @Test
    void textbookFourteenPeriodExample() {
        // Wilder's RSI on the usual textbook closes: the first 14 changes gain 3.34 and lose 1.40 in total,
        // so RSI = 100 * 3.34 / 4.74 = 70.4641; the next close (46.00, a loss of 0.28) smooths it to 66.2496.
        List<String> closes = List.of("44.34", "44.09", "44.15", "43.61", "44.33", "44.83", "45.10", "45.42",
                "45.84", "46.08", "45.89", "46.03", "45.61", "46.28", "46.28");
        RsiFactor rsi = new RsiFactor(14);
        assertThat(rsi.compute(bars(closes)).getAsDouble()).isCloseTo(100.0 * 3.34 / 4.74, within(1e-9));
        List<String> more = new ArrayList<>(closes);
        more.add("46.00");
        assertThat(rsi.compute(bars(more)).getAsDouble()).isCloseTo(66.2496185536, within(1e-8));
    }

    @Test
    void needsPeriodPlusOneBars() {
        RsiFactor rsi = new RsiFactor(14);
        assertThat(rsi.lookback()).isEqualTo(15);
        assertThat(rsi.compute(bars(closes(14, 1)))).isEmpty();
        assertThat(rsi.compute(bars(closes(15, 1)))).isPresent();
        assertThat(rsi.compute(List.of())).isEmpty();
    }

    @Test
    void nameFollowsThePeriod() {
        assertThat(new RsiFactor(14).name()).isEqualTo("rsi-14");
        assertThat(new RsiFactor(7).name()).isEqualTo("rsi-7");
        assertThatThrownBy(() -> new RsiFactor(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyGainsIs100AndNoChangeIs50() {
        RsiFactor rsi = new RsiFactor(3);
        assertThat(rsi.compute(bars("1", "2", "3", "4", "5")).getAsDouble()).isEqualTo(100.0);
        assertThat(rsi.compute(bars("5", "4", "3", "2", "1")).getAsDouble()).isEqualTo(0.0);
        assertThat(rsi.compute(bars("5", "5", "5", "5")).getAsDouble()).isEqualTo(50.0);
    }

    @Test
    void pureSameBarsSameValue() {
        List<Bar> bars = bars(closes(60, 7));
        RsiFactor rsi = new RsiFactor(14);
        double first = rsi.compute(bars).getAsDouble();
        assertThat(rsi.compute(List.copyOf(bars)).getAsDouble()).isEqualTo(first);
        assertThat(new RsiFactor(14).compute(bars).getAsDouble()).isEqualTo(first);
        assertThat(first).isBetween(0.0, 100.0);
    }

    @Test
    void convergesToTa4jsOwnRsiOnALongSeries() {
        // ta4j's RSIIndicator seeds the averages differently; after many bars the seed no longer matters.
        List<Bar> bars = bars(closes(400, 3));
        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        for (Bar bar : bars) {
            series.addBar(bar.end().atZone(ZoneOffset.UTC), bar.close().toBigDecimal(), bar.close().toBigDecimal(),
                    bar.close().toBigDecimal(), bar.close().toBigDecimal());
        }
        double ta4j = new RSIIndicator(new ClosePriceIndicator(series), 14).getValue(series.getEndIndex())
                .doubleValue();
        assertThat(new RsiFactor(14).compute(bars).getAsDouble()).isCloseTo(ta4j, within(1e-6));
    }

    /** A random walk of closes around 100 with two decimals. */
    static List<String> closes(int count, long seed) {
        Random random = new Random(seed);
        List<String> closes = new ArrayList<>();
        long cents = 10_000;
        for (int i = 0; i < count; i++) {
            cents = Math.max(100, cents + random.nextInt(201) - 100);
            closes.add(cents / 100 + "." + String.format("%02d", cents % 100));
        }
        return closes;
    }

    static List<Bar> bars(String... closes) {
        return bars(List.of(closes));
    }

    static List<Bar> bars(List<String> closes) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < closes.size(); i++) {
            Price close = Price.of(closes.get(i));
            Instant start = T0.plus(Duration.ofMinutes(i));
            bars.add(new Bar(AAPL, start, start.plus(Duration.ofMinutes(1)), close, close, close, close,
                    Quantity.ofWhole(100)));
        }
        return bars;
    }
}
