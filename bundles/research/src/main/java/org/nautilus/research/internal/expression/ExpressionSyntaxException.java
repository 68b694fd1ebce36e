package org.nautilus.research.internal.expression;

/** Expression text that does not parse, or a call with bad arguments: where (1-based column) and why. */
public final class ExpressionSyntaxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int column;
    private final String reason;

    public ExpressionSyntaxException(String expression, int column, String reason) {
        super("column " + column + ": " + reason + " in '" + expression + "'");
        this.expression = expression;
        this.column = column;
        this.reason = reason;
    }

    public String expression() {
        return expression;
    }

    public int column() {
        return column;
    }

    public String reason() {
        return reason;
    }
}
