package org.nautilus.api.research.expression;

import java.util.Objects;

/** An element-wise operator of two arguments, e.g. {@code $close-$open} or {@code Greater($open,$close)}. */
public record Binary(BinaryOperator operator, Expression left, Expression right) implements Expression {

    public Binary {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public String text() {
        if (operator.symbol() == null) {
            return operator.function() + "(" + left.text() + "," + right.text() + ")";
        }
        // Left-associative: a left operand is parenthesised when it binds looser, a right one when it binds no
        // tighter; comparisons do not chain (Python would read a<b<c as a<b and b<c), so both sides are wrapped.
        int own = operator.precedence();
        boolean comparison = own == COMPARISON;
        return operand(left, comparison ? own : own - 1) + operator.symbol() + operand(right, own);
    }

    private static final int COMPARISON = BinaryOperator.GT.precedence();

    private static String operand(Expression operand, int wrapAtOrBelow) {
        boolean wrap = operand instanceof Binary b && b.operator.symbol() != null
                && b.operator.precedence() <= wrapAtOrBelow;
        return wrap ? "(" + operand.text() + ")" : operand.text();
    }
}
