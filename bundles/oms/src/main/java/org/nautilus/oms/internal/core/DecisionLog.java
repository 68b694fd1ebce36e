package org.nautilus.oms.internal.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.venue.RoutingDecision;

/**
 * The router's most recent decisions, a bounded history that the shell and HTTP API can query. A decision is
 * kept as a supplier and written out (its reason text formatted) the first time it is read.
 */
public final class DecisionLog {

    /** One decision, materialized on first read. */
    private static final class Entry {
        final OrderId orderId;
        private Supplier<RoutingDecision> supplier;
        private RoutingDecision decision;

        Entry(OrderId orderId, Supplier<RoutingDecision> supplier) {
            this.orderId = orderId;
            this.supplier = supplier;
        }

        RoutingDecision get() {
            if (decision == null) {
                decision = supplier.get();
                supplier = null;
            }
            return decision;
        }
    }

    private final Deque<Entry> recent = new ArrayDeque<>();
    private final Map<OrderId, Entry> byOrder = new HashMap<>();
    private volatile int capacity;

    public DecisionLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public void capacity(int newCapacity) {
        capacity = Math.max(1, newCapacity);
    }

    synchronized void add(RoutingDecision decision) {
        add(decision.orderId(), () -> decision);
    }

    /** Adds the decision for {@code orderId}; {@code decision} is called at most once, when first read. */
    synchronized void add(OrderId orderId, Supplier<RoutingDecision> decision) {
        Entry entry = new Entry(orderId, decision);
        recent.addFirst(entry);
        byOrder.put(orderId, entry);
        while (recent.size() > capacity) {
            Entry dropped = recent.removeLast();
            byOrder.remove(dropped.orderId, dropped);
        }
    }

    /** Newest first, at most {@code limit}. */
    public synchronized List<RoutingDecision> recent(int limit) {
        List<RoutingDecision> list = new ArrayList<>(Math.min(Math.max(limit, 0), recent.size()));
        Iterator<Entry> it = recent.iterator();
        while (it.hasNext() && list.size() < limit) {
            list.add(it.next().get());
        }
        return list;
    }

    public synchronized Optional<RoutingDecision> of(OrderId orderId) {
        Entry entry = byOrder.get(orderId);
        return entry == null ? Optional.empty() : Optional.of(entry.get());
    }
}
