package org.nautilus.grid.internal.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;

/**
 * What is acknowledged (in the journal) but not yet in the Ignite caches, for the reads that must see it at once:
 * an order and its events by id, the idempotency key of a client order id, a position. Added by the committer after
 * the journal sync, before the acknowledgement; removed by the materializer once the caches hold it. Reads take the
 * pending state first and the caches second, so nothing is missed while it moves.
 */
final class Pending {

    private final Map<OrderId, StoredOrder> orders = new HashMap<>();
    private final Map<OrderId, ArrayDeque<OrderEvent>> events = new HashMap<>();
    private final Map<ClientOrderId, OrderId> clientIds = new HashMap<>();
    private final Map<PositionKey, Position> positions = new HashMap<>();

    synchronized void add(List<Unit> group) {
        for (Unit unit : group) {
            orders.putAll(unit.orders);
            positions.putAll(unit.positions);
            for (OrderEvent event : unit.events) {
                events.computeIfAbsent(event.orderId(), id -> new ArrayDeque<>(4)).addLast(event);
                if (event.version() == 1) {
                    StoredOrder order = unit.orders.get(event.orderId());
                    if (order != null && !order.internal()) {
                        clientIds.put(event.order().clientOrderId(), event.orderId());
                    }
                }
            }
        }
    }

    /** The units are in the caches: forget what no later unit changed again. */
    synchronized void remove(List<Unit> batch) {
        for (Unit unit : batch) {
            for (Map.Entry<OrderId, StoredOrder> e : unit.orders.entrySet()) {
                if (orders.get(e.getKey()) == e.getValue()) {
                    orders.remove(e.getKey());
                }
            }
            for (Map.Entry<PositionKey, Position> e : unit.positions.entrySet()) {
                if (positions.get(e.getKey()) == e.getValue()) {
                    positions.remove(e.getKey());
                }
            }
            for (OrderEvent event : unit.events) {
                // Events leave in the order they came: the batch's are at the head of each order's queue.
                ArrayDeque<OrderEvent> queue = events.get(event.orderId());
                if (queue != null && queue.peekFirst() == event) {
                    queue.pollFirst();
                    if (queue.isEmpty()) {
                        events.remove(event.orderId());
                    }
                }
                if (event.version() == 1) {
                    clientIds.remove(event.order().clientOrderId(), event.orderId());
                }
            }
        }
    }

    synchronized Optional<StoredOrder> order(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    synchronized Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        return Optional.ofNullable(clientIds.get(clientOrderId));
    }

    /** The order's pending events, oldest first (a copy). */
    synchronized List<OrderEvent> events(OrderId id) {
        ArrayDeque<OrderEvent> queue = events.get(id);
        return queue == null ? List.of() : new ArrayList<>(queue);
    }

    synchronized Optional<Position> position(PositionKey key) {
        return Optional.ofNullable(positions.get(key));
    }
}
