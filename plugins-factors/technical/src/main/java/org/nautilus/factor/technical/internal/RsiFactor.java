package org.nautilus.factor.technical.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalDouble;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Factor;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.GainIndicator;
import org.ta4j.core.indicators.helpers.LossIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * Wilder's relative strength index of the closes, 0..100, computed with ta4j over the bars it is given.
 *
 * <p>The average gain and loss are seeded with the simple mean of the first {@code period} changes and then
 * smoothed with Wilder's 1/period recursion (the textbook definition, as in TA-Lib). ta4j's own
 * {@code RSIIndicator} seeds the averages with the first bar's zero change instead, which gives different
 * values until several hundred bars have passed; the seeded form gives the textbook value from bar
 * {@code period + 1} on. A series without any change has RSI 50 (neither side is stronger).
 *
 * <p>Pure and thread-safe: each call builds its own ta4j series from the bars it is given.
 */
public final class RsiFactor implements Factor {

    private final int period;

    public RsiFactor(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("RSI period must be at least 2, got " + period);
        }
        this.period = period;
    }

    public static String nameFor(int period) {
        return "rsi-" + period;
    }

    public int period() {
        return period;
    }

    @Override
    public String name() {
        return nameFor(period);
    }

    @Override
    public String description() {
        return "Wilder's relative strength index over " + period + " closes (0..100, ta4j)";
    }

    /** {@code period} changes need {@code period + 1} closes. */
    @Override
    public int lookback() {
        return period + 1;
    }

    @Override
    public OptionalDouble compute(List<Bar> bars) {
        if (bars.size() < lookback()) {
            return OptionalDouble.empty();
        }
        BarSeries series = toSeries(bars);
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        int last = series.getEndIndex();
        Num averageGain = new WilderAverageIndicator(new GainIndicator(close), period).getValue(last);
        Num averageLoss = new WilderAverageIndicator(new LossIndicator(close), period).getValue(last);
        if (averageLoss.isZero()) {
            return OptionalDouble.of(averageGain.isZero() ? 50.0 : 100.0);
        }
        Num hundred = series.hundred();
        Num rsi = hundred.minus(hundred.dividedBy(series.one().plus(averageGain.dividedBy(averageLoss))));
        return OptionalDouble.of(rsi.doubleValue());
    }

    private static BarSeries toSeries(List<Bar> bars) {
        // DoubleNum: factor values are research numbers (doubles), and it is much faster than DecimalNum.
        BarSeries series = new BaseBarSeriesBuilder().withName("rsi").withNumTypeOf(DoubleNum.class).build();
        for (Bar bar : bars) {
            Duration interval = bar.interval();
            series.addBar(interval, bar.end().atZone(ZoneOffset.UTC), num(series, bar.open()), num(series, bar.high()),
                    num(series, bar.low()), num(series, bar.close()),
                    series.numOf(bar.volume().raw() / (double) FixedPoint.ONE));
        }
        return series;
    }

    private static Num num(BarSeries series, Price price) {
        return series.numOf(price.raw() / (double) FixedPoint.ONE);
    }

    @Override
    public String toString() {
        return name();
    }
}
