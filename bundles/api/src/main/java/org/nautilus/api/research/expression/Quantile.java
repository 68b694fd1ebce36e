package org.nautilus.api.research.expression;

import java.util.Objects;

/** The {@code q}-quantile of the last {@code window} values, linearly interpolated, e.g. {@code Quantile($close,5,0.8)}. */
public record Quantile(Expression argument, int window, double q) implements Expression {

    public Quantile {
        Objects.requireNonNull(argument, "argument");
        if (window < 1) {
            throw new IllegalArgumentException("Quantile window must be at least 1 bar, got " + window);
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("Quantile q must be within [0, 1], got " + q);
        }
    }

    @Override
    public String text() {
        return "Quantile(" + argument.text() + "," + window + "," + new Constant(q).text() + ")";
    }
}
