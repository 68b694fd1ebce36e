package org.nautilus.api.domain;

/**
 * Identifies an execution venue, e.g. {@code SIM} or {@code SIM-B}.
 *
 * @param value letters, digits and {@code . - _ / :}, at most 64 characters
 */
public record VenueId(String value) implements Comparable<VenueId> {

    public VenueId {
        Identifiers.require("VenueId", value);
    }

    public static VenueId of(String value) {
        return new VenueId(value);
    }

    @Override
    public int compareTo(VenueId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
