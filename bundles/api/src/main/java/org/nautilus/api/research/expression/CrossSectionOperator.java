package org.nautilus.api.research.expression;

/**
 * Operators across the instruments of a universe at one time: each instrument's value is computed from the
 * argument's values of every instrument that has a bar at that time (the others are left out and get no value).
 * A NaN argument is left out of the statistics and gives NaN. Follows Qlib's cross-sectional processors
 * ({@code CSRankNorm} before its rescaling, {@code CSZScoreNorm}) as pandas computes them per date.
 */
public enum CrossSectionOperator {
    /** Percentile rank among the instruments (pandas {@code rank(pct=True)}: ties averaged), in (0, 1]. */
    CS_RANK("CSRank"),
    /** {@code (x - mean) / std} over the instruments, std the sample one (n-1); NaN with fewer than two values. */
    CS_ZSCORE("CSZScore"),
    /** {@code x - mean} over the instruments. */
    CS_DEMEAN("CSDemean"),
    /**
     * Group neutralisation: {@code x - mean} over the instruments of the same group (a sector, say, given per
     * instrument in configuration); NaN for an instrument without a group.
     */
    GROUP_DEMEAN("GroupDemean");

    private final String function;

    CrossSectionOperator(String function) {
        this.function = function;
    }

    /** The name in expression text, e.g. {@code CSRank}. */
    public String function() {
        return function;
    }
}
