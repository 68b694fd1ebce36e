package org.nautilus.api.research.expression;

/**
 * Operators of one argument, with their Qlib function names: element-wise, except {@link #CUMSUM}, which
 * carries a running total from the first bar.
 */
public enum UnaryOperator {
    /** {@code -x}. */
    NEG("Neg"),
    /** {@code |x|}. */
    ABS("Abs"),
    /** Natural logarithm (NaN below 0, -infinity at 0). */
    LOG("Log"),
    /** -1, 0 or 1 (NaN stays NaN). */
    SIGN("Sign"),
    /** 1 where x is 0, else 0 (NaN counts as true, as in numpy). */
    NOT("Not"),
    /** Running sum from the first bar (NaN inputs add nothing; NaN until the first value), e.g. OBV. */
    CUMSUM("Cumsum");

    private final String function;

    UnaryOperator(String function) {
        this.function = function;
    }

    /** The name in expression text, e.g. {@code Log}. */
    public String function() {
        return function;
    }
}
