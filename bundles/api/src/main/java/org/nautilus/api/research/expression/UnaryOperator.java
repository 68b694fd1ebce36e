package org.nautilus.api.research.expression;

/** Element-wise operators of one argument, with their Qlib function names. */
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
    NOT("Not");

    private final String function;

    UnaryOperator(String function) {
        this.function = function;
    }

    /** The name in expression text, e.g. {@code Log}. */
    public String function() {
        return function;
    }
}
