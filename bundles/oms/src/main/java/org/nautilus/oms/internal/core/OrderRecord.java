package org.nautilus.oms.internal.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.Venue;

/**
 * The OMS's working state of one order. Written only by the writer of the order's partition; other threads
 * read the published immutable {@link #snapshot()} and {@link #fills()}.
 */
final class OrderRecord {

    final OrderId id;
    final PartitionAgent partition;
    final ExecutionListener executionListener;
    private final Instant createdAt;

    private OrderRequest request;
    private OrderStatus status = OrderStatus.INITIALIZED;
    private Quantity filled = Quantity.ZERO;
    /** Σ quantity × price of the fills, for the exact average price. */
    private long filledNotional;
    private String reason;
    /** The status to return to when a pending cancel or amend is refused. */
    OrderStatus resumeStatus;
    /** The price/quantity asked for by a pending amend. */
    OrderRequest pendingAmend;
    /** The venue instance the order was sent to; a venue registered again later is a different instance. */
    volatile Venue venue;
    private final Set<String> executionIds = new HashSet<>(4);
    private final List<Fill> fillLog = new ArrayList<>(2);

    private volatile Order snapshot;
    private volatile List<Fill> fills = List.of();

    OrderRecord(OrderId id, OrderRequest request, PartitionAgent partition, Instant createdAt,
                ExecutionListener executionListener) {
        this.id = id;
        this.request = request;
        this.partition = partition;
        this.createdAt = createdAt;
        this.executionListener = executionListener;
        this.snapshot = new Order(id, request, status, filled, null, request.venueId(), null, createdAt, createdAt);
    }

    Order snapshot() {
        return snapshot;
    }

    List<Fill> fills() {
        return fills;
    }

    OrderStatus status() {
        return status;
    }

    OrderRequest request() {
        return request;
    }

    Quantity filled() {
        return filled;
    }

    /** {@code false} if this execution id was seen before. */
    boolean markExecution(String executionId) {
        return executionIds.add(executionId);
    }

    void change(OrderStatus newStatus, String newReason, Instant at) {
        status = newStatus;
        reason = newReason;
        publish(at);
    }

    void changeRequest(OrderRequest newRequest, OrderStatus newStatus, String newReason, Instant at) {
        request = newRequest;
        change(newStatus, newReason, at);
    }

    void addFill(Fill fill, OrderStatus newStatus, String newReason) {
        filled = filled.plus(fill.quantity());
        filledNotional = Math.addExact(filledNotional, FixedPoint.multiply(fill.quantity().raw(), fill.price().raw()));
        fillLog.add(fill);
        fills = List.copyOf(fillLog);
        status = newStatus;
        reason = newReason;
        publish(fill.timestamp());
    }

    private void publish(Instant at) {
        Price average = filled.isZero() ? null : new Price(FixedPoint.divide(filledNotional, filled.raw()));
        snapshot = new Order(id, request, status, filled, average, request.venueId(), reason, createdAt, at);
    }
}
