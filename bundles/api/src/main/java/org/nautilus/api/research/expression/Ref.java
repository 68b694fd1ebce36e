package org.nautilus.api.research.expression;

import java.util.Objects;

/**
 * The argument's value {@code periods} bars ago ({@code Ref($close,1)} is yesterday's close); NaN for the first
 * {@code periods} bars. Negative periods (a future bar) are refused: no expression can look ahead.
 */
public record Ref(Expression argument, int periods) implements Expression {

    public Ref {
        Objects.requireNonNull(argument, "argument");
        if (periods < 0) {
            throw new IllegalArgumentException("Ref(" + argument.text() + "," + periods
                    + ") would read a future bar: periods must be 0 or more");
        }
    }

    @Override
    public String text() {
        return "Ref(" + argument.text() + "," + periods + ")";
    }
}
