package org.nautilus.oms.internal.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;

/**
 * What the OMS keeps of finished orders: the most recent {@code retainedHistory} with their whole history (in
 * {@link LiveOrders}), older ones up to {@code retainedOrders} compact (their final snapshot packed into
 * per-partition {@link CompactOrders}), the rest only in the store (or, without a store, forgotten). Retiring is
 * done by the order's partition writer; the compact lookups are safe from any thread.
 */
final class Retention {

    private final LiveOrders live;
    private final StoreGateway store;
    private final int partitions;
    /** Per partition: finished orders that still have their whole history, oldest first. */
    private final List<Deque<OrderRecord>> finished;
    /** Per partition: finished orders kept compact (their final snapshot, packed). */
    private final CompactOrders[] compacted;
    private volatile int retainedPerPartition;
    private volatile int historyPerPartition;
    private volatile int retainedHistory;
    /** Orders exist in the store that are not in memory (recovered beyond retention, or forgotten since). */
    private volatile boolean storeMayKnowMore;

    Retention(LiveOrders live, StoreGateway store, int partitions, int retainedOrders, int retainedHistory) {
        this.live = live;
        this.store = store;
        this.partitions = partitions;
        this.finished = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            finished.add(new ArrayDeque<>());
        }
        this.compacted = new CompactOrders[partitions];
        this.retainedHistory = retainedHistory;
        retainedOrders(retainedOrders);
    }

    /** How many finished orders stay in memory, and how many of those keep their whole history. */
    void retainedOrders(int retained, int history) {
        retainedHistory = Math.max(1, history);
        retainedOrders(retained);
    }

    /** How many finished orders stay in memory (at least one per partition). */
    void retainedOrders(int retained) {
        int perPartition = Math.max(1, retained / partitions);
        historyPerPartition = Math.min(perPartition, Math.max(1, retainedHistory / partitions));
        retainedPerPartition = perPartition;
        if (compacted[0] == null) {
            for (int i = 0; i < compacted.length; i++) {
                compacted[i] = new CompactOrders(Math.max(1, perPartition - historyPerPartition));
            }
        }
    }

    /** Finished orders kept in memory per partition (with history or compact). */
    int retainedPerPartition() {
        return retainedPerPartition;
    }

    /** {@code true} if the store may hold orders memory does not (queries and idempotency then ask it). */
    boolean storeMayKnowMore() {
        return storeMayKnowMore;
    }

    void storeMayKnowMore(boolean value) {
        storeMayKnowMore = value;
    }

    /**
     * Keeps the most recent finished orders of the partition in memory with their history, makes older ones
     * compact and drops the oldest compact ones.
     */
    void retire(OrderRecord record) {
        if (record.retired) {
            if (record.compacted) {
                // A late fill on an order already kept compact: the compact entry follows.
                compacted[record.partition.index].update(record.snapshot());
            }
            return;
        }
        record.retired = true;
        int index = record.partition.index;
        Deque<OrderRecord> done = finished.get(index);
        done.addLast(record);
        int keep = historyPerPartition;
        int budget = done.size();
        while (done.size() > keep && budget-- > 0) {
            OrderRecord oldest = done.pollFirst();
            if (settled(oldest)) {
                compact(oldest, index);
            } else {
                done.addLast(oldest);
            }
        }
    }

    /** Replaces a settled order's record (and its history) by its final snapshot, within the retention. */
    private void compact(OrderRecord record, int partition) {
        int room = retainedPerPartition - historyPerPartition;
        boolean dropped = room <= 0;
        if (!dropped) {
            // Compact first, out of the maps second: a reader always finds the order in one of them.
            record.compacted = true;
            dropped = compacted[partition].add(record.snapshot(), room);
        }
        if (dropped && store.durable()) {
            // Orders dropped from memory stay queryable and idempotent from the store.
            storeMayKnowMore = true;
        }
        live.orders.remove(record.id);
        live.byClientId.remove(record.request().clientOrderId(), record.id);
        if (record.splitParts != null) {
            record.splitParts.forEach(part -> live.orders.remove(part.id));
        }
    }

    /** An order can be forgotten once it and every order it depends on or triggers have ended. */
    private static boolean settled(OrderRecord record) {
        if (!record.status().isTerminal()) {
            return false;
        }
        if (record.triggers != null && record.triggers.stream().anyMatch(c -> !c.status().isTerminal())) {
            return false;
        }
        return record.ocoGroup == null || record.ocoGroup.stream().allMatch(m -> m.status().isTerminal());
    }

    /** A finished order kept compact, by client order id; {@code null} if none. */
    Order compactOrder(ClientOrderId clientOrderId) {
        for (CompactOrders compact : compacted) {
            Order order = compact.find(clientOrderId);
            if (order != null) {
                return order;
            }
        }
        return null;
    }

    /** A finished order kept compact, by id; {@code null} if none. */
    Order compactOrder(OrderId orderId) {
        for (CompactOrders compact : compacted) {
            Order order = compact.get(orderId);
            if (order != null) {
                return order;
            }
        }
        return null;
    }

    boolean isCompact(OrderId orderId) {
        for (CompactOrders compact : compacted) {
            if (compact.contains(orderId)) {
                return true;
            }
        }
        return false;
    }

    /** Every order kept compact, partition by partition. */
    List<Order> compactOrders() {
        List<Order> all = new ArrayList<>();
        for (CompactOrders compact : compacted) {
            all.addAll(compact.all());
        }
        return all;
    }
}
