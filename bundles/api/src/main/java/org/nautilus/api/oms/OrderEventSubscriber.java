package org.nautilus.api.oms;

import java.util.Map;
import org.nautilus.api.domain.PortfolioId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard subscriber to the OMS's committed order events, for everything that takes an event out of the
 * process (routes, HTTP streams, FIX execution reports, drop copies, exports): register it as an OSGi service and
 * the OMS hands it every {@link OrderEvent} once the unit of work that made it is durable, never before, in the
 * order the OMS decided per portfolio ({@link OrderEvent#sequence()} 1, 2, 3, ... with no gaps).
 *
 * <p>Delivery runs on a thread of the subscriber's own, fed by a bounded queue ({@value #QUEUE_SIZE_PROPERTY},
 * default {@value #DEFAULT_QUEUE_SIZE} events): the OMS never waits for a subscriber. One that falls that far behind
 * is dropped: it receives what was queued, then {@link #onDropped} with the reason, and nothing more until it is
 * registered again (it can then resume from its last sequence, see {@link #resumeAfter()}).
 *
 * <p>The OMS serves its whiteboard on its own node only. On any node, the same interface subscribes explicitly to
 * the cluster's committed events through {@link OrderEventFeed#subscribe} (not registered as a service: only that
 * subscription gets them), with the same delivery, drop and resume contract.
 */
@ConsumerType
public interface OrderEventSubscriber {

    /** Service property: the capacity of the subscriber's queue (an integer). */
    String QUEUE_SIZE_PROPERTY = "subscriber.queue.size";

    /** The queue capacity without {@value #QUEUE_SIZE_PROPERTY}. */
    int DEFAULT_QUEUE_SIZE = 10_000;

    /** A committed event; called from the subscriber's delivery thread, one event at a time. */
    void onEvent(OrderEvent event);

    /**
     * Where to resume, read once when the subscriber is registered (or subscribed to a feed): per portfolio, the last sequence it has already
     * seen. The portfolio's later events are delivered first from the store, then the live ones, without a gap or a
     * duplicate. Empty (the default): live events only, from now on.
     */
    default Map<PortfolioId, Long> resumeAfter() {
        return Map.of();
    }

    /** The subscriber was dropped (it fell behind, or its resume failed) and gets nothing more; {@code why} says. */
    default void onDropped(String why) {
    }
}
