package org.nautilus.api.research.expression;

/**
 * The instrument's news sentiment as known at the end of the current bar, {@code $sentiment}: the sentiment
 * service's decayed average of the items published by then (NaN with no item in its window, or where no sentiment
 * service runs).
 *
 * @since 3.0
 */
public record SentimentField() implements Expression {

    /** The name after the {@code $}. */
    public static final String NAME = "sentiment";

    @Override
    public String text() {
        return "$" + NAME;
    }
}
