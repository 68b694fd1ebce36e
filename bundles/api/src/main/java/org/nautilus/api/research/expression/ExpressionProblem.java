package org.nautilus.api.research.expression;

import java.util.Objects;

/**
 * Why a factor definition was refused: a syntax error, an unknown name, a cycle, a bad argument.
 *
 * @param factor     the definition's name
 * @param expression the definition's text
 * @param column     1-based column in {@code expression} where the problem is
 * @param message    what is wrong, e.g. {@code unknown function 'Maen'}
 */
public record ExpressionProblem(String factor, String expression, int column, String message) {

    public ExpressionProblem {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(message, "message");
        if (column < 1) {
            throw new IllegalArgumentException("column is 1-based, got " + column);
        }
    }

    /** Three lines: where, the expression, and a caret under the column. */
    @Override
    public String toString() {
        return factor + ", column " + column + ": " + message + "\n  " + expression + "\n  "
                + " ".repeat(column - 1) + "^";
    }
}
