package org.nautilus.api.domain;

/**
 * Identifies an instrument, e.g. {@code AAPL} or {@code BTC-USD}.
 *
 * @param value the symbol: letters, digits and {@code . - _ / :}, at most 64 characters
 */
public record InstrumentId(String value) implements Comparable<InstrumentId> {

    public InstrumentId {
        Identifiers.require("InstrumentId", value);
    }

    public static InstrumentId of(String value) {
        return new InstrumentId(value);
    }

    @Override
    public int compareTo(InstrumentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
