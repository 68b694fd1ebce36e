package org.nautilus.api.research.expression;

import java.util.Objects;

/** A rolling aggregate, e.g. {@code Mean($close,5)}. */
public record Rolling(RollingOperator operator, Expression argument, int window) implements Expression {

    public Rolling {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(argument, "argument");
        if (window < 1) {
            throw new IllegalArgumentException(operator.function() + " window must be at least 1 bar, got " + window);
        }
    }

    @Override
    public String text() {
        return operator.function() + "(" + argument.text() + "," + window + ")";
    }
}
