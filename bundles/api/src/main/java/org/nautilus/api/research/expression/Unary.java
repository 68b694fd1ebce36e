package org.nautilus.api.research.expression;

import java.util.Objects;

/** An element-wise operator of one argument, e.g. {@code Log($volume+1)}. */
public record Unary(UnaryOperator operator, Expression argument) implements Expression {

    public Unary {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(argument, "argument");
    }

    @Override
    public String text() {
        return operator.function() + "(" + argument.text() + ")";
    }
}
