package org.nautilus.api.research.expression;

import java.util.Objects;

/**
 * {@code If(condition, then, otherwise)}: {@code then} where the condition is non-zero, else {@code otherwise}
 * (numpy's {@code where}: a NaN condition counts as true).
 */
public record Conditional(Expression condition, Expression then, Expression otherwise) implements Expression {

    public Conditional {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(then, "then");
        Objects.requireNonNull(otherwise, "otherwise");
    }

    @Override
    public String text() {
        return "If(" + condition.text() + "," + then.text() + "," + otherwise.text() + ")";
    }
}
