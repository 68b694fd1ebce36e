package org.nautilus.api.research.expression;

/**
 * Element-wise operators of two arguments. Arithmetic follows IEEE doubles (x/0 is infinite, 0/0 NaN);
 * comparisons and logic give 1 or 0 and a NaN compares false; {@code Greater}/{@code Less} are numpy's
 * {@code maximum}/{@code minimum} (a NaN argument gives NaN).
 */
public enum BinaryOperator {
    ADD("Add", "+", 4), SUB("Sub", "-", 4), MUL("Mul", "*", 5), DIV("Div", "/", 5),
    GREATER("Greater", null, 0), LESS("Less", null, 0),
    GT("Gt", ">", 1), GE("Ge", ">=", 1), LT("Lt", "<", 1), LE("Le", "<=", 1), EQ("Eq", "==", 1), NE("Ne", "!=", 1),
    AND("And", "&", 3), OR("Or", "|", 2);

    private final String function;
    private final String symbol;
    private final int precedence;

    BinaryOperator(String function, String symbol, int precedence) {
        this.function = function;
        this.symbol = symbol;
        this.precedence = precedence;
    }

    /** The function name in expression text, e.g. {@code Greater}; every operator can be written as a call. */
    public String function() {
        return function;
    }

    /** The infix symbol, e.g. {@code >}, or {@code null} if it is only written as a call. */
    public String symbol() {
        return symbol;
    }

    /**
     * Binding strength of the infix symbol, Python's (Qlib evaluates its expressions as Python): comparisons
     * bind loosest, then {@code |}, {@code &}, {@code + -}, {@code * /}.
     */
    public int precedence() {
        return precedence;
    }
}
