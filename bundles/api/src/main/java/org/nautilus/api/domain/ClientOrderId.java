package org.nautilus.api.domain;

/**
 * The client's own id for an order; a repeated submit with the same id returns the existing order.
 *
 * @param value letters, digits and {@code . - _ / :}, at most 64 characters
 */
public record ClientOrderId(String value) implements Comparable<ClientOrderId> {

    public ClientOrderId {
        Identifiers.require("ClientOrderId", value);
    }

    public static ClientOrderId of(String value) {
        return new ClientOrderId(value);
    }

    @Override
    public int compareTo(ClientOrderId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
