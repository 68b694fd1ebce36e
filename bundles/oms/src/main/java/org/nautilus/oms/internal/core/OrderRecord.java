package org.nautilus.oms.internal.core;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.Venue;

/**
 * The OMS's working state of one order. Written only by the writer of the order's partition; other threads
 * read the published immutable {@link #snapshot()} and immutable copies of {@link #fills()} and {@link #events()}.
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
    /** Why the order is refused, set with its DENIED or REJECTED transition; shown only in those states. */
    RejectCode rejectCode;
    private int version;
    /** The status to return to when a pending cancel or amend is refused. */
    OrderStatus resumeStatus;
    /** The request asked for by a pending amend. */
    OrderRequest pendingAmend;
    /** The venue instance the order was sent to; a venue registered again later is a different instance. */
    volatile Venue venue;

    /** Set on a part of an order the router split: the order the client sees. Parts are never published. */
    OrderRecord splitParent;
    /** Set on an order the router split: its parts, one per venue. */
    List<OrderRecord> splitParts;
    /** A cancel of the whole order was asked for (a split order ends CANCELED rather than REJECTED). */
    boolean cancelRequested;
    /** Orders this one triggers (OTO) when it is filled. */
    List<OrderRecord> triggers;
    /** The order whose fill releases this one (OTO). */
    OrderRecord triggeredBy;
    /** Orders canceled when this one trades or ends (OCO), shared by the whole group. */
    List<OrderRecord> ocoGroup;
    boolean ocoDone;
    boolean triggersResolved;
    /** Why a cancel the OMS itself sent (OCO) happens, for the CANCELED the venue confirms. */
    String cancelReason;
    /**
     * Set when the OMS expires the order (DAY, GTD): its cancel, once confirmed, ends it EXPIRED with this reason.
     * Stored with the order, so a confirmation after a restart still does.
     */
    String expiry;
    /** Already counted among the partition's finished orders. */
    boolean retired;
    /** Dropped from the OMS's maps and kept as its final snapshot only. */
    boolean compacted;
    /**
     * Recovered from the store without its events and fills in memory (a finished order): queries read them from
     * the store.
     */
    boolean historyInStore;
    /** Recovered as open at a venue and not yet reconciled with it (the venue has not registered since). */
    boolean awaitingReconcile;

    /** Execution ids seen: a few in an array (most orders have one or two fills), a set beyond. */
    private String[] executionIds;
    private int executionCount;
    private Set<String> manyExecutionIds;
    private final AppendLog<Fill> fillLog = new AppendLog<>(2);
    private final AppendLog<OrderEvent> eventLog = new AppendLog<>(6);

    private volatile Order snapshot;

    OrderRecord(OrderId id, OrderRequest request, PartitionAgent partition, Instant createdAt,
            ExecutionListener executionListener) {
        this.id = id;
        this.request = request;
        this.partition = partition;
        this.createdAt = createdAt;
        this.executionListener = executionListener;
        this.snapshot = new Order(id, request, status, filled, null, request.venueId(), null, createdAt, createdAt);
    }

    /**
     * An order rebuilt from the store. Links to other orders (split, contingencies) are set by the caller once
     * every order is rebuilt.
     *
     * @param fills  the order's fills, or {@code null} to leave its history in the store (a finished order)
     * @param events the order's events, or {@code null} as for fills
     */
    OrderRecord(OmsStoredOrder stored, PartitionAgent partition, ExecutionListener executionListener, List<Fill> fills,
            List<OrderEvent> events) {
        Order order = stored.order();
        this.id = order.id();
        this.request = order.request();
        this.partition = partition;
        this.createdAt = order.createdAt();
        this.executionListener = executionListener;
        this.status = order.status();
        this.filled = order.filledQuantity();
        this.reason = order.reason();
        this.rejectCode = order.rejectCode();
        this.version = stored.version();
        this.resumeStatus = stored.resumeStatus();
        this.pendingAmend = stored.pendingAmend();
        this.cancelReason = stored.cancelReason();
        this.expiry = stored.expiry();
        this.cancelRequested = stored.cancelRequested();
        this.ocoDone = stored.ocoDone();
        this.triggersResolved = stored.triggersResolved();
        this.snapshot = order;
        if (fills == null || events == null) {
            historyInStore = true;
        } else {
            for (Fill fill : fills) {
                markExecution(fill.executionId());
                filledNotional = Math.addExact(filledNotional,
                        FixedPoint.multiply(fill.quantity().raw(), fill.price().raw()));
                fillLog.add(fill);
            }
            events.forEach(eventLog::add);
        }
    }

    /** What the store keeps of this order: its snapshot, event count and the OMS's working state. */
    StoredOrder stored() {
        return new OmsStoredOrder(snapshot, version, splitParent == null ? null : splitParent.id, ids(splitParts),
                triggeredBy == null ? null : triggeredBy.id, ids(triggers), ids(ocoGroup), ocoDone, triggersResolved,
                cancelRequested, resumeStatus, pendingAmend, cancelReason, expiry).toStored();
    }

    private static List<OrderId> ids(List<OrderRecord> records) {
        if (records == null || records.isEmpty()) {
            return List.of();
        }
        OrderId[] ids = new OrderId[records.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = records.get(i).id;
        }
        return List.of(ids);
    }

    Order snapshot() {
        return snapshot;
    }

    /** An immutable copy of the fills so far. */
    List<Fill> fills() {
        return fillLog.snapshot();
    }

    /** An immutable copy of the events so far. */
    List<OrderEvent> events() {
        return eventLog.snapshot();
    }

    int eventCount() {
        return eventLog.size();
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

    Quantity leaves() {
        return request.quantity().minus(filled);
    }

    boolean internal() {
        return splitParent != null;
    }

    /** {@code false} if this execution id was seen before. */
    boolean markExecution(String executionId) {
        if (manyExecutionIds != null) {
            return manyExecutionIds.add(executionId);
        }
        for (int i = 0; i < executionCount; i++) {
            if (executionIds[i].equals(executionId)) {
                return false;
            }
        }
        if (executionIds == null) {
            executionIds = new String[2];
        } else if (executionCount == executionIds.length) {
            if (executionCount == 16) {
                manyExecutionIds = new HashSet<>(Arrays.asList(executionIds));
                executionIds = null;
                return manyExecutionIds.add(executionId);
            }
            executionIds = Arrays.copyOf(executionIds, executionCount * 2);
        }
        executionIds[executionCount++] = executionId;
        return true;
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
        status = newStatus;
        reason = newReason;
        publish(fill.timestamp());
    }

    /** Appends the event of the change just made (the current snapshot) to the order's history. */
    OrderEvent record(OrderEventType type, Fill fill, String eventReason, Instant at, long sequence) {
        OrderEvent event = new OrderEvent(++version, type, snapshot, fill, eventReason, at, sequence);
        eventLog.add(event);
        return event;
    }

    /** The order as the venue should see it after an amend: same id and fills, the amended request. */
    Order amendedView(OrderRequest amended, Instant at) {
        return new Order(id, amended, status, filled, snapshot.averagePrice(), amended.venueId(), null, createdAt, at);
    }

    private void publish(Instant at) {
        Price average = filled.isZero() ? null : new Price(FixedPoint.divide(filledNotional, filled.raw()));
        RejectCode code = status == OrderStatus.DENIED || status == OrderStatus.REJECTED ? rejectCode : null;
        snapshot = new Order(id, request, status, filled, average, request.venueId(), reason, code, createdAt, at);
    }
}
