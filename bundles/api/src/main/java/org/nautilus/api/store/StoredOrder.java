package org.nautilus.api.store;

import java.util.Arrays;
import java.util.Objects;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;

/**
 * What the OMS keeps durably about one order to rebuild it after a restart: the order as it stands, how many events
 * it has had, whether it is an internal order, and the OMS's own working state around it, which the store keeps as
 * opaque bytes. The order's fills and events are stored beside it.
 *
 * <p>The store reads only what it indexes or answers queries with: the order snapshot (its id, client order id,
 * portfolio and status), the version (the keys of its events) and {@code internal} (internal orders have no
 * idempotency key and are not shown to clients). Everything else the OMS needs to resume an order (the links of a
 * split order or a contingent list, a pending cancel or amend, flags) is in {@code working}, encoded and decoded by
 * the OMS alone: a new OMS flag changes the OMS only, not this API nor the store's codecs.
 *
 * @param order    the order's current snapshot
 * @param version  the number of events the order has had (its last event's version)
 * @param internal {@code true} for an order clients never see (a part of an order the router split)
 * @param working  the OMS's working state of the order, opaque to the store (empty when there is none); not copied:
 *                 the bytes must not be changed once stored
 */
public record StoredOrder(Order order, int version, boolean internal, byte[] working) {

    private static final byte[] NONE = new byte[0];

    public StoredOrder {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(working, "working");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
    }

    /** A client-visible order without working state (no split, no contingency, nothing pending). */
    public static StoredOrder of(Order order, int version) {
        return new StoredOrder(order, version, false, NONE);
    }

    public OrderId id() {
        return order.id();
    }

    /** Equal orders, versions and flags, and the same working bytes. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StoredOrder o && version == o.version && internal == o.internal
                && order.equals(o.order) && Arrays.equals(working, o.working);
    }

    @Override
    public int hashCode() {
        return Objects.hash(order, version, internal, Arrays.hashCode(working));
    }

    @Override
    public String toString() {
        return "StoredOrder[order=" + order + ", version=" + version + ", internal=" + internal + ", working="
                + working.length + " bytes]";
    }
}
