package org.nautilus.oms.internal.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;

/**
 * The orders the OMS works on, with their working state: open orders, split parts and the most recent finished
 * orders with their history (older finished ones are in {@link Retention}'s compact arrays or only in the store),
 * and the partitions whose writers change them. Written by the partitions' writers, read by any thread.
 */
final class LiveOrders {

    /** Open orders, split parts and the most recent finished orders with their history. */
    final Map<OrderId, OrderRecord> orders = new ConcurrentHashMap<>();
    /** The client order ids of the orders in {@link #orders} (compact ones are indexed by their partition). */
    final Map<ClientOrderId, OrderId> byClientId = new ConcurrentHashMap<>();
    private final PartitionAgent[] partitions;

    LiveOrders(PartitionAgent[] partitions) {
        this.partitions = partitions;
    }

    PartitionAgent partitionOf(PortfolioId portfolio) {
        return partitions[Math.floorMod(portfolio.hashCode(), partitions.length)];
    }

    PartitionAgent[] partitions() {
        return partitions;
    }

    /** A client-visible order (not a split part) with its working state, {@code null} if not in memory so. */
    OrderRecord visible(OrderId orderId) {
        OrderRecord record = orders.get(orderId);
        return record == null || record.internal() ? null : record;
    }

    /** The record of a client order id, {@code null} if there is none with its working state in memory. */
    OrderRecord existing(ClientOrderId clientOrderId) {
        OrderId id = byClientId.get(clientOrderId);
        return id == null ? null : orders.get(id);
    }
}
