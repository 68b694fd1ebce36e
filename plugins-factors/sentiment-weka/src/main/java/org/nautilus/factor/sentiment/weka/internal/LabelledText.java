package org.nautilus.factor.sentiment.weka.internal;

import java.util.Objects;

/**
 * One training example: a text and whether its sentiment is positive.
 *
 * @param text     the headline or post, not blank
 * @param positive its label: {@code true} positive, {@code false} negative
 * @param location where it was read ({@code file:line}), for messages
 */
public record LabelledText(String text, boolean positive, String location) {

    /** The label words of the JSON-lines file. */
    public static final String POSITIVE = "positive";
    public static final String NEGATIVE = "negative";

    public LabelledText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(location, "location");
        if (text.isBlank()) {
            throw new IllegalArgumentException(location + ": the text is blank");
        }
    }

    public String label() {
        return positive ? POSITIVE : NEGATIVE;
    }
}
