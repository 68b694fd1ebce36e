package org.nautilus.api.domain;

/**
 * The OMS's id of an order, unique within the platform and assigned on submit.
 *
 * @param value a positive sequence number
 */
public record OrderId(long value) implements Comparable<OrderId> {

    public OrderId {
        if (value <= 0) {
            throw new IllegalArgumentException("OrderId must be positive, got " + value);
        }
    }

    public static OrderId of(long value) {
        return new OrderId(value);
    }

    /** Parses the text form, e.g. {@code "42"}. */
    public static OrderId parse(String text) {
        try {
            return new OrderId(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an order id: '" + text + "'", e);
        }
    }

    @Override
    public int compareTo(OrderId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
