package org.nautilus.research.internal.expression.kernel;

/**
 * TA-Lib's recursive averages: {@code SeededEMA(x, N)} (alpha = 2/(N+1)) and {@code Wilder(x, N)} (alpha = 1/N).
 * NaN until N values have come, then the simple mean of those N (summed in order, divided once: TA-Lib's seed),
 * then the recursion in TA-Lib's own arithmetic, so the doubles follow its rounding: {@code ((x - prev) × k) + prev}
 * for the EMA, {@code (prev × (N-1) + x) / N} for Wilder. A NaN input after the seed keeps the average.
 */
public final class SeededAverageKernel implements Kernel.OfOne {

    private final int period;
    private final boolean wilder;
    private final double k;
    private double seedSum;
    private int seen;
    private double average = Double.NaN;

    private SeededAverageKernel(int period, boolean wilder) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1, got " + period);
        }
        this.period = period;
        this.wilder = wilder;
        this.k = 2.0 / (period + 1);
    }

    /** TA-Lib's EMA (its default, non-Metastock seed). */
    public static SeededAverageKernel ema(int period) {
        return new SeededAverageKernel(period, false);
    }

    /** Wilder's smoothing (TA-Lib's RSI, ATR and ADX). */
    public static SeededAverageKernel wilder(int period) {
        return new SeededAverageKernel(period, true);
    }

    @Override
    public double update(double x) {
        if (Double.isNaN(x)) {
            return average;
        }
        if (seen < period) {
            seedSum += x;
            if (++seen == period) {
                average = seedSum / period;
            }
            return average;
        }
        average = wilder ? (average * (period - 1) + x) / period : ((x - average) * k) + average;
        return average;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
