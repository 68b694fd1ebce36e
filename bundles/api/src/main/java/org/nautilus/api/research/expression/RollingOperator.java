package org.nautilus.api.research.expression;

/**
 * Aggregates over the last {@code window} bars (fewer at the start of a series), skipping NaN inputs; a window
 * with no value gives NaN. The semantics are Qlib's (pandas {@code rolling(window, min_periods=1)}).
 */
public enum RollingOperator {
    /** Mean of the values. */
    MEAN("Mean"),
    /** Sum of the values. */
    SUM("Sum"),
    /** Sample standard deviation (n-1); NaN with one value. */
    STD("Std"),
    /** Sample variance (n-1); NaN with one value. */
    VAR("Var"),
    /** Largest value. */
    MAX("Max"),
    /** Smallest value. */
    MIN("Min"),
    /** Percentile rank of the newest value among the window's values (ties averaged), in (0, 1]; NaN if it is NaN. */
    RANK("Rank"),
    /** 1-based position of the first largest value counted from the oldest bar of the window (a NaN counts as largest). */
    IDXMAX("IdxMax"),
    /** 1-based position of the first smallest value counted from the oldest bar of the window (a NaN counts as smallest). */
    IDXMIN("IdxMin"),
    /** Least-squares slope of the values against time (one bar = 1). */
    SLOPE("Slope"),
    /** R² of that regression; NaN where the window's standard deviation is within 2e-5 of 0. */
    RSQUARE("Rsquare"),
    /** Residual of the newest value from that regression line. */
    RESI("Resi"),
    /** Exponential moving average with span {@code window} (alpha = 2/(window+1)), pandas' adjusted form, over the whole history. */
    EMA("EMA"),
    /** Qlib's linearly weighted mean: weights 1..n (newest heaviest) normalised to 1, then the NaN-skipping mean of weight × value. */
    WMA("WMA"),
    /**
     * TA-Lib's EMA: alpha = 2/(window+1), seeded with the simple mean of the first {@code window} values (NaN
     * before them), then {@code previous + alpha × (x - previous)}; a NaN input keeps the average.
     */
    SEEDED_EMA("SeededEMA"),
    /**
     * Wilder's smoothing as TA-Lib computes RSI, ATR and ADX: seeded with the simple mean of the first
     * {@code window} values (NaN before them), then {@code (previous × (window-1) + x) / window}; a NaN input
     * keeps the average.
     */
    WILDER("Wilder"),
    /**
     * Mean absolute deviation of the window's values from the window's own mean (the denominator of CCI);
     * partial windows at the start, NaNs skipped.
     */
    MEAN_DEVIATION("MeanDev");

    private final String function;

    RollingOperator(String function) {
        this.function = function;
    }

    /** The name in expression text, e.g. {@code Mean}. */
    public String function() {
        return function;
    }
}
