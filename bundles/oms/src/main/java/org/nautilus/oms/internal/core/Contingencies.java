package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;

import java.time.Clock;
import java.time.Instant;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;

/**
 * What an event of an order of a contingent list does to the others, on the partition writer: an OCO member that
 * trades or ends cancels its peers; an OTO (or bracket) entry that ends releases the orders it holds back for what
 * it filled, or cancels them if it filled nothing. Each acts once ({@code ocoDone}, {@code triggersResolved}, both
 * stored).
 */
final class Contingencies {

    private final Clock clock;
    private final StoreGateway store;
    private final Transitions transitions;
    private final CancelAndAmend cancels;
    private final NewOrders newOrders;

    Contingencies(Clock clock, StoreGateway store, Transitions transitions, CancelAndAmend cancels,
            NewOrders newOrders) {
        this.clock = clock;
        this.store = store;
        this.transitions = transitions;
        this.cancels = cancels;
        this.newOrders = newOrders;
    }

    void apply(OrderRecord record, OrderEvent event) {
        boolean ended = record.status().isTerminal();
        if (record.ocoGroup != null && !record.ocoDone && (ended || event.type() == OrderEventType.FILL)) {
            for (OrderRecord member : record.ocoGroup) {
                member.ocoDone = true;
                store.record(member, null);
            }
            String why = "OCO: order " + record.id + (event.type() == OrderEventType.FILL ? " traded"
                    : " ended " + record.status());
            for (OrderRecord peer : record.ocoGroup) {
                if (peer != record && !peer.status().isTerminal() && peer.status() != PENDING_CANCEL) {
                    cancels.cancel(peer, why);
                }
            }
        }
        if (record.triggers != null && !record.triggersResolved && ended) {
            record.triggersResolved = true;
            store.record(record, null);
            Instant now = clock.instant();
            for (OrderRecord child : record.triggers) {
                if (child.status() != INITIALIZED) {
                    continue;
                }
                if (record.filled().isZero()) {
                    transitions.transition(child, CANCELED, OrderEventType.CANCELED,
                            "order " + record.id + " that triggers it ended " + record.status() + " unfilled", now);
                } else {
                    newOrders.release(child, record.filled(), now);
                }
            }
        }
    }
}
