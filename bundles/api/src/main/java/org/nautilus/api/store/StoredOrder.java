package org.nautilus.api.store;

import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;

/**
 * What the OMS keeps durably about one order to rebuild it after a restart: the order as it stands, how many
 * events it has had, and the OMS's working state around it (the parts of a split order, the links of a
 * contingent list, a pending cancel or amend). Its fills and events are stored beside it.
 *
 * @param order            the order's current snapshot
 * @param version          the number of events the order has had (its last event's version)
 * @param parent           for a part of an order the router split: the order the client sees; else {@code null}
 * @param parts            for an order the router split: its parts, else empty
 * @param triggeredBy      the order whose fill releases this one (OTO), else {@code null}
 * @param triggers         the orders this one releases when filled (OTO), else empty
 * @param ocoGroup         the orders canceled when one of them trades or ends (OCO), this one included, else empty
 * @param ocoDone          the OCO group has already acted
 * @param triggersResolved the released orders have already been sent or canceled
 * @param cancelRequested  a cancel of the whole order was asked for
 * @param resumeStatus     the status to return to if a pending cancel or amend is refused, else {@code null}
 * @param pendingAmend     the request a pending amend asked for, else {@code null}
 * @param cancelReason     why a cancel the OMS itself sent happens (OCO), else {@code null}
 */
public record StoredOrder(Order order, int version, OrderId parent, List<OrderId> parts, OrderId triggeredBy,
                          List<OrderId> triggers, List<OrderId> ocoGroup, boolean ocoDone, boolean triggersResolved,
                          boolean cancelRequested, OrderStatus resumeStatus, OrderRequest pendingAmend,
                          String cancelReason) {

    public StoredOrder {
        Objects.requireNonNull(order, "order");
        parts = List.copyOf(parts);
        triggers = List.copyOf(triggers);
        ocoGroup = List.copyOf(ocoGroup);
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive, got " + version);
        }
    }

    /** A plain order (no split, no contingency, nothing pending). */
    public static StoredOrder of(Order order, int version) {
        return new StoredOrder(order, version, null, List.of(), null, List.of(), List.of(), false, false, false,
                null, null, null);
    }

    public OrderId id() {
        return order.id();
    }

    /** {@code true} for a part of a split order, which clients never see. */
    public boolean internal() {
        return parent != null;
    }
}
