package org.nautilus.api.store;

/**
 * Identifies a FIX session in the {@link FixSessionStore}: the session's own identity, e.g.
 * {@code FIX.4.4:NAUTILUS->C1} (begin string, our and the counterparty's comp ids, and any qualifier), the same on
 * every node that serves the session.
 *
 * @param value not blank, at most 256 characters
 */
public record FixSessionId(String value) {

    public FixSessionId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("FixSessionId must not be blank");
        }
        if (value.length() > 256) {
            throw new IllegalArgumentException("FixSessionId is longer than 256 characters: " + value.substring(0, 40)
                    + "...");
        }
    }

    public static FixSessionId of(String value) {
        return new FixSessionId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
