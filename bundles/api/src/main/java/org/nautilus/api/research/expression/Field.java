package org.nautilus.api.research.expression;

import java.util.Objects;

/** A bar field of the current bar, e.g. {@code $close}. */
public record Field(BarField field) implements Expression {

    public Field {
        Objects.requireNonNull(field, "field");
    }

    @Override
    public String text() {
        return "$" + field.key();
    }
}
