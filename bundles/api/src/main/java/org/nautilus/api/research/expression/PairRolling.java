package org.nautilus.api.research.expression;

import java.util.Objects;

/** A rolling statistic of two series, e.g. {@code Corr($close,Log($volume+1),5)}. */
public record PairRolling(PairOperator operator, Expression left, Expression right, int window) implements Expression {

    public PairRolling {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (window < 1) {
            throw new IllegalArgumentException(operator.function() + " window must be at least 1 bar, got " + window);
        }
    }

    @Override
    public String text() {
        return operator.function() + "(" + left.text() + "," + right.text() + "," + window + ")";
    }
}
