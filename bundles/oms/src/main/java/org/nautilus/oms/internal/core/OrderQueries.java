package org.nautilus.oms.internal.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.oms.internal.routing.VenueDirectory;

/**
 * Answers about orders from any thread, never waiting for a writer: from the published snapshots of the orders in
 * memory, the compact finished ones, then the store (for orders memory no longer holds).
 */
final class OrderQueries {

    private final LiveOrders live;
    private final Retention retention;
    private final StoreGateway store;
    private final VenueDirectory venues;

    OrderQueries(LiveOrders live, Retention retention, StoreGateway store, VenueDirectory venues) {
        this.live = live;
        this.retention = retention;
        this.store = store;
        this.venues = venues;
    }

    Optional<Order> order(OrderId orderId) {
        Order known = inMemory(orderId);
        if (known != null) {
            return Optional.of(known);
        }
        return live.orders.containsKey(orderId) ? Optional.empty() : storedOrder(orderId);
    }

    Optional<Order> order(ClientOrderId clientOrderId) {
        OrderId id = live.byClientId.get(clientOrderId);
        // A record is made compact before its client order id leaves byClientId: one of the two has it.
        Order known = id == null ? null : inMemory(id);
        if (known == null) {
            known = retention.compactOrder(clientOrderId);
        }
        return known != null ? Optional.of(known) : storedOrder(clientOrderId);
    }

    /** A client-visible order in memory (with its history or compact), {@code null} if not there. */
    private Order inMemory(OrderId orderId) {
        OrderRecord record = live.visible(orderId);
        if (record != null) {
            return record.snapshot();
        }
        // A record is made compact before it leaves the orders: if it is gone from there, it is compact by now.
        return retention.compactOrder(orderId);
    }

    /** {@code true} if the client order id is taken by an order kept compact or known only to the store. */
    boolean compactOrStored(ClientOrderId clientOrderId) {
        return retention.compactOrder(clientOrderId) != null || storedOrder(clientOrderId).isPresent();
    }

    /** All orders kept in memory, oldest first (the parts of split orders are not orders of their own). */
    List<Order> orders() {
        List<Order> all = new ArrayList<>(live.orders.size());
        Set<OrderId> seen = new HashSet<>();
        for (Order order : retention.compactOrders()) {
            all.add(order);
            seen.add(order.id());
        }
        for (OrderRecord record : live.orders.values()) {
            if (!record.internal() && !seen.contains(record.id)) {
                all.add(record.snapshot());
            }
        }
        all.sort(Comparator.comparing(Order::id));
        return all;
    }

    List<Fill> fills(OrderId orderId) {
        OrderRecord record = live.visible(orderId);
        if (record != null && !record.historyInStore) {
            return record.fills();
        }
        return historyInStore(record, orderId) ? store.fills(orderId) : List.of();
    }

    List<OrderEvent> events(OrderId orderId) {
        OrderRecord record = live.visible(orderId);
        if (record != null && !record.historyInStore) {
            return record.events();
        }
        return historyInStore(record, orderId) ? store.events(orderId) : List.of();
    }

    /** The order's history is the store's: recovered without it, kept compact, or known only to the store. */
    private boolean historyInStore(OrderRecord record, OrderId orderId) {
        return record != null || retention.isCompact(orderId)
                || (!live.orders.containsKey(orderId) && storedOrder(orderId).isPresent());
    }

    /** The registered venues with the number of open orders (or parts of split orders) at each. */
    List<VenueInfo> venues() {
        List<VenueInfo> infos = new ArrayList<>();
        for (Venue venue : venues.all()) {
            int open = 0;
            for (OrderRecord record : live.orders.values()) {
                if (record.venue == venue && record.snapshot().status().isOpen()) {
                    open++;
                }
            }
            VenueDirectory.State state = venues.state(venue.id());
            infos.add(new VenueInfo(venue.id(), venue.description(), open, state.availability(), state.reason()));
        }
        return infos;
    }

    /** An order known only to the store (finished, not kept in memory), by client order id. */
    private Optional<Order> storedOrder(ClientOrderId clientOrderId) {
        if (!retention.storeMayKnowMore()) {
            return Optional.empty();
        }
        return store.orderId(clientOrderId).flatMap(this::storedOrder);
    }

    private Optional<Order> storedOrder(OrderId orderId) {
        if (!retention.storeMayKnowMore()) {
            return Optional.empty();
        }
        return store.store().order(orderId).filter(o -> !o.internal()).map(StoredOrder::order);
    }

    /** The answer to a command on an order that has no working state in memory. */
    CommandResult unknownOrFinished(OrderId orderId, String what) {
        Order compact = retention.compactOrder(orderId);
        Optional<Order> stored = compact != null ? Optional.of(compact)
                : live.orders.containsKey(orderId) ? Optional.empty() : storedOrder(orderId);
        return stored.map(o -> CommandResult.refused("ORDER_TERMINAL", "order " + orderId + " is " + o.status()
                + "; " + what, o)).orElseGet(() -> CommandResult.refused("UNKNOWN_ORDER", "no order " + orderId, null));
    }

    /** The orders a list's client order ids already have. */
    List<Order> existingOrders(OrderList list) {
        List<Order> known = new ArrayList<>();
        for (OrderRequest request : list.orders()) {
            OrderRecord record = live.existing(request.clientOrderId());
            if (record != null) {
                known.add(record.snapshot());
            } else {
                order(request.clientOrderId()).ifPresent(known::add);
            }
        }
        return known;
    }
}
