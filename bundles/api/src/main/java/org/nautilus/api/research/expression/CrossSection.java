package org.nautilus.api.research.expression;

import java.util.Objects;

/** A cross-sectional operator over the instruments of a universe, e.g. {@code CSRank($close/Ref($close,20))}. */
public record CrossSection(CrossSectionOperator operator, Expression argument) implements Expression {

    public CrossSection {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(argument, "argument");
    }

    @Override
    public String text() {
        return operator.function() + "(" + argument.text() + ")";
    }
}
