package org.nautilus.api.research.expression;

/** Rolling statistics of two series over the bars where both have a value (pandas {@code rolling(...).corr/cov}). */
public enum PairOperator {
    /** Pearson correlation; NaN where either series' own rolling standard deviation is within 2e-5 of 0 (Qlib). */
    CORR("Corr"),
    /** Sample covariance (n-1). */
    COV("Cov");

    private final String function;

    PairOperator(String function) {
        this.function = function;
    }

    /** The name in expression text, e.g. {@code Corr}. */
    public String function() {
        return function;
    }
}
