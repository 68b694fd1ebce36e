package org.nautilus.oms.internal.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.venue.RoutingDecision;

/** The router's most recent decisions, a bounded history that the shell and HTTP API can query. */
public final class DecisionLog {

    private final Deque<RoutingDecision> recent = new ArrayDeque<>();
    private final Map<OrderId, RoutingDecision> byOrder = new HashMap<>();
    private volatile int capacity;

    public DecisionLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public void capacity(int newCapacity) {
        capacity = Math.max(1, newCapacity);
    }

    synchronized void add(RoutingDecision decision) {
        recent.addFirst(decision);
        byOrder.put(decision.orderId(), decision);
        while (recent.size() > capacity) {
            RoutingDecision dropped = recent.removeLast();
            byOrder.remove(dropped.orderId(), dropped);
        }
    }

    /** Newest first, at most {@code limit}. */
    public synchronized List<RoutingDecision> recent(int limit) {
        List<RoutingDecision> list = new ArrayList<>(Math.min(Math.max(limit, 0), recent.size()));
        Iterator<RoutingDecision> it = recent.iterator();
        while (it.hasNext() && list.size() < limit) {
            list.add(it.next());
        }
        return list;
    }

    public synchronized Optional<RoutingDecision> of(OrderId orderId) {
        return Optional.ofNullable(byOrder.get(orderId));
    }
}
