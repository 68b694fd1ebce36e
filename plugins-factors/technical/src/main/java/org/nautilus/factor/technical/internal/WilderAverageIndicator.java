package org.nautilus.factor.technical.internal;

import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.RecursiveCachedIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.num.NaN;
import org.ta4j.core.num.Num;

/**
 * Wilder's smoothed average: undefined before {@code period}, the simple mean of values {@code 1..period}
 * at {@code period} (value 0 is the first bar's, which has no change), then
 * {@code (previous × (period − 1) + value) / period}.
 */
final class WilderAverageIndicator extends RecursiveCachedIndicator<Num> {

    private final Indicator<Num> values;
    private final SMAIndicator seed;
    private final int period;

    WilderAverageIndicator(Indicator<Num> values, int period) {
        super(values);
        this.values = values;
        this.seed = new SMAIndicator(values, period);
        this.period = period;
    }

    @Override
    protected Num calculate(int index) {
        if (index < period) {
            return NaN.NaN;
        }
        if (index == period) {
            return seed.getValue(index);
        }
        Num n = numOf(period);
        return getValue(index - 1).multipliedBy(n.minus(one())).plus(values.getValue(index)).dividedBy(n);
    }

    @Override
    public int getUnstableBars() {
        return period;
    }
}
