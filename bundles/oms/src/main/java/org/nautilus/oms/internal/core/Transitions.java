package org.nautilus.oms.internal.core;

import java.time.Instant;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;

/**
 * Every change of an order passes here, on its partition's writer: the state machine allows it or it is refused;
 * the change becomes an event, recorded in the step's unit of work and told to whoever must know (the split parent
 * of a part; else the in-step listeners now, the subscribers once durable, the order's contingencies, and the
 * retention once it has ended).
 */
final class Transitions {

    private final StoreGateway store;
    private final OrderListeners listeners;
    private final Retention retention;
    private final Anomalies anomalies;
    private SplitOrders splitOrders;
    private Contingencies contingencies;

    Transitions(StoreGateway store, OrderListeners listeners, Retention retention, Anomalies anomalies) {
        this.store = store;
        this.listeners = listeners;
        this.retention = retention;
        this.anomalies = anomalies;
    }

    /** The two that react to events and change orders in turn (so they are made after this): set once, at wiring. */
    void reactWith(SplitOrders splitOrders, Contingencies contingencies) {
        this.splitOrders = splitOrders;
        this.contingencies = contingencies;
    }

    boolean transition(OrderRecord record, OrderStatus to, OrderEventType type, String reason, Instant at) {
        return transition(record, to, type, reason, at, null);
    }

    /** Moves the order to {@code to} if the state machine allows it; otherwise refuses and changes nothing. */
    boolean transition(OrderRecord record, OrderStatus to, OrderEventType type, String reason, Instant at,
            OrderRequest request) {
        // The cancel of an expiry, confirmed (or done locally); a child not yet released can only be CANCELED.
        if (to == OrderStatus.CANCELED && record.expiry != null
                && OrderStateMachine.allows(record.status(), OrderStatus.EXPIRED)) {
            to = OrderStatus.EXPIRED;
            type = OrderEventType.EXPIRED;
            reason = record.expiry;
        }
        if (!OrderStateMachine.allows(record.status(), to)) {
            anomalies.illegal(record, to);
            return false;
        }
        if (request != null) {
            record.changeRequest(request, to, reason, at);
        } else {
            record.change(to, reason, at);
        }
        emit(record, type, null, reason, at);
        return true;
    }

    /**
     * Records the change as an event and tells whoever must know: the split parent, or the in-step listeners now and
     * the subscribers once the step is durable.
     */
    void emit(OrderRecord record, OrderEventType type, Fill fill, String reason, Instant at) {
        long sequence = record.internal() ? 0 : record.partition.outbox.nextSequence(record.request().portfolioId());
        OrderEvent event = record.record(type, fill, reason, at, sequence);
        store.record(record, event);
        if (record.internal()) {
            splitOrders.onPartChanged(record.splitParent, record, event);
            return;
        }
        if (fill != null) {
            listeners.onFill(fill);
        }
        listeners.onOrder(record.snapshot());
        record.partition.outbox.add(event);
        contingencies.apply(record, event);
        if (record.status().isTerminal()) {
            retention.retire(record);
        }
    }
}
