package org.nautilus.api.oms;

import java.util.Set;
import org.nautilus.api.domain.PortfolioId;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The committed order events of the whole cluster, offered on every node: what a client-facing surface (an HTTP
 * stream, a FIX session) on a node that does not run the OMS subscribes to. Unlike the {@link OrderEventSubscriber}
 * whiteboard, which the OMS serves on its own node only (and where every registered subscriber runs), a feed
 * subscription is explicit and local to the node that opens it: nothing else on any node sees its events.
 *
 * <p>Each subscription receives every committed client-visible event of its portfolios once, in the order the OMS
 * decided per portfolio ({@link OrderEvent#sequence()} with no gap and no duplicate), never an event of a unit of
 * work that failed to commit, wherever the OMS runs and however often it moves. Delivery runs on a thread of the
 * subscription's own, fed by a bounded queue: a subscriber that falls {@code queueSize} events behind is dropped
 * ({@link OrderEventSubscriber#onDropped} says why), and so is one whose portfolio's events cannot be read in order
 * (a gap the store cannot fill); the reason names the sequence to resume after, and a new subscription with
 * {@link OrderEventSubscriber#resumeAfter()} continues from there without a gap or a duplicate.
 */
@ProviderType
public interface OrderEventFeed {

    /**
     * Starts delivering committed events to {@code subscriber}: for each portfolio it {@linkplain
     * OrderEventSubscriber#resumeAfter() resumes}, the stored events after its sequence first; then the live ones.
     *
     * @param name       what the logs and drop reasons call the subscription
     * @param portfolios the portfolios wanted; empty for every portfolio
     * @param queueSize  the subscription's queue capacity, in events (at least 1)
     * @return the subscription; closing it stops delivery after the event in hand
     * @throws IllegalArgumentException if {@code queueSize} is below 1, or a resume point is negative
     */
    Subscription subscribe(String name, OrderEventSubscriber subscriber, Set<PortfolioId> portfolios, int queueSize);

    /** An open subscription of the feed. */
    @ProviderType
    interface Subscription extends AutoCloseable {

        /** Stops delivery; idempotent. */
        @Override
        void close();
    }
}
