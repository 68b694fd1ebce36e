package org.nautilus.grid.internal.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventFeed;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's committed order events on this node ({@link OrderEventFeed}), whichever node runs the OMS: ONE
 * registration with the grid per node while anyone subscribes, its notifications put back in each portfolio's order
 * by a {@link PortfolioSequencer} on the feed's own thread, then queued for each {@link FeedSubscription} that wants
 * the portfolio. The OMS is not involved: the events are read where they are committed, so the OMS moving to another
 * node changes nothing here, and an event of a unit that failed never appears.
 *
 * <p>A registration with the grid is not trusted to outlive a change of topology (one was seen cancelled after the
 * OMS moved twice, and the relay stopped without a word): when the topology changes, or registering failed, the feed
 * registers again (the new one before the old one goes, repeats skipped) and reads from the store what each
 * portfolio may have missed meanwhile. A gap the live notifications leave open (units of other orders arrive in any
 * order; one may be lost in a failover) is filled from the store; one the store cannot fill either is passed over
 * after {@code giveUp}, and the subscriptions that see it are dropped, saying where to resume.
 */
public final class ClusterEventFeed implements OrderEventFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEventFeed.class);
    /** Units of work waiting for the feed's thread: far more than a node's share of a second at full order rate. */
    static final int INBOUND = 65_536;

    /**
     * How long the feed waits for its parts.
     *
     * @param gapRead       how long a gap waits for the live notifications before the store is read for it
     * @param giveUp        how long a gap stays open (the store read again each check) before it is passed over
     * @param subscriberGap how long a subscription waits for the store to fill a gap it sees
     * @param check         how often open gaps, the topology and the registration are checked
     */
    public record Timing(Duration gapRead, Duration giveUp, Duration subscriberGap, Duration check) {

        public static final Timing DEFAULT = new Timing(Duration.ofMillis(250), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    /** A committed unit's events of one order, and the registration that was notified of them. */
    private record Notified(long generation, List<OrderEvent> events) {
    }

    /**
     * A registration made: from then on its notifications count. A fresh one (none was open) restarts the sequencer
     * at {@code lastStored}, and what older registrations notified is stale; a renewed one reads what may have been
     * missed.
     */
    private record Registered(long generation, Map<PortfolioId, Long> lastStored) {
        boolean fresh() {
            return lastStored != null;
        }
    }

    private final CommittedEvents source;
    private final Timing timing;
    private final BlockingQueue<Notified> inbound = new ArrayBlockingQueue<>(INBOUND);
    private final Queue<Registered> registered = new ConcurrentLinkedQueue<>();
    private final List<FeedSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Thread thread;
    // Guarded by this: the registration with the grid, the topology it was made in, the last generation given.
    private AutoCloseable registration;
    private long registeredTopology;
    private long generation;
    private volatile boolean overflowed;
    private volatile boolean closed;
    // The feed thread's.
    private final PortfolioSequencer sequencer;
    /** Notifications of generations below it are stale; up to {@link #accepting} they count; above, they wait. */
    private long floor = Long.MAX_VALUE;
    private long accepting;
    private final List<Notified> early = new ArrayList<>();
    private long lastGapRead;
    private long lastCheck;

    public ClusterEventFeed(CommittedEvents source, Timing timing) {
        this.source = source;
        this.timing = timing;
        this.sequencer = new PortfolioSequencer(this::fanOut);
        this.thread = new Thread(this::run, "nautilus-event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Registers with the grid first if no one subscribed before (and reads where each portfolio's events stand), so
     * that every event committed after this returns reaches the subscription.
     *
     * @throws IllegalStateException if the grid cannot notify commits now (inactive, between topologies)
     */
    @Override
    public Subscription subscribe(String name, OrderEventSubscriber subscriber, Set<PortfolioId> portfolios,
            int queueSize) {
        if (closed) {
            throw new IllegalStateException("the order event feed is stopping");
        }
        FeedSubscription[] self = new FeedSubscription[1];
        FeedSubscription subscription = new FeedSubscription(name, subscriber, portfolios, queueSize, source,
                timing.subscriberGap(), () -> unsubscribe(self[0]));
        self[0] = subscription;
        synchronized (this) {
            if (registration == null) {
                long made = register();
                Map<PortfolioId, Long> lastStored;
                try {
                    // Read once notifications flow: nothing committed after it is missed.
                    lastStored = source.lastSequences();
                } catch (RuntimeException e) {
                    unregister();
                    throw new IllegalStateException("the grid cannot tell where the order events stand now: "
                            + e.getMessage(), e);
                }
                registered.add(new Registered(made, lastStored));
            }
            subscriptions.add(subscription);
        }
        subscription.start();
        return subscription;
    }

    /** The subscriptions open now. */
    int size() {
        return subscriptions.size();
    }

    private synchronized void unsubscribe(FeedSubscription subscription) {
        if (subscriptions.remove(subscription) && subscriptions.isEmpty()) {
            unregister();
        }
    }

    /**
     * Registers with the grid (guarded by this); the previous registration, if any, goes after.
     *
     * @return the new registration's generation
     */
    private long register() {
        long topology = source.topologyVersion();
        AutoCloseable previous = registration;
        long made = ++generation;
        try {
            registration = source.listen(events -> committed(made, events));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the grid cannot notify this node of committed order events now: "
                    + e.getMessage(), e);
        }
        registeredTopology = topology;
        closeQuietly(previous);
        return made;
    }

    private void unregister() {
        closeQuietly(registration);
        registration = null;
    }

    private static void closeQuietly(AutoCloseable registration) {
        if (registration != null) {
            try {
                registration.close();
            } catch (Exception e) {
                LOG.debug("order event feed: closing a registration with the grid", e);
            }
        }
    }

    /** A grid thread: queue and return. */
    private void committed(long notifiedAs, List<OrderEvent> events) {
        if (!inbound.offer(new Notified(notifiedAs, events))) {
            overflowed = true;
        }
    }

    private void run() {
        while (!closed) {
            try {
                Notified notified = inbound.poll(100, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                takeRegistrations(now);
                if (notified != null) {
                    if (notified.generation() > accepting) {
                        early.add(notified); // its registration is not announced yet
                    } else if (notified.generation() >= floor) {
                        notified.events().forEach(e -> sequencer.accept(e, now));
                    }
                }
                if (overflowed) {
                    fellBehind();
                }
                if (now - lastCheck >= timing.check().toNanos()) {
                    lastCheck = now;
                    readGaps(now);
                    checkRegistration();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store unreadable for a moment (partitions moving): the next round tries again.
                LOG.warn("order event feed: {}; trying again", e.toString());
            }
        }
    }

    /** Takes the registrations announced: restarts the sequencer or catches up, then the notifications that waited. */
    private void takeRegistrations(long now) {
        Registered made;
        while ((made = registered.poll()) != null) {
            accepting = Math.max(accepting, made.generation());
            if (made.fresh()) {
                floor = made.generation();
                sequencer.restart(made.lastStored());
            } else {
                source.eventsAfter(sequencer.lastPassed()).events().forEach(e -> sequencer.accept(e, now));
            }
            List<Notified> waited = List.copyOf(early);
            early.clear();
            for (Notified notified : waited) {
                if (notified.generation() > accepting) {
                    early.add(notified);
                } else if (notified.generation() >= floor) {
                    notified.events().forEach(e -> sequencer.accept(e, now));
                }
            }
        }
    }

    private void fanOut(OrderEvent event) {
        for (FeedSubscription subscription : subscriptions) {
            if (subscription.wants(event.portfolioId())) {
                subscription.offer(event);
            }
        }
    }

    /**
     * The inbound queue overflowed: what was lost cannot be told apart, so every subscription ends (with where to
     * resume); the next one registers afresh.
     */
    private void fellBehind() {
        overflowed = false;
        inbound.clear();
        early.clear();
        floor = Long.MAX_VALUE;
        synchronized (this) {
            for (FeedSubscription subscription : subscriptions) {
                subscription.drop("this node fell " + INBOUND + " units of work behind the cluster's committed "
                        + "events");
            }
            // Gone at once, with the registration: the next subscription starts afresh.
            subscriptions.clear();
            unregister();
        }
    }

    /** Reads the store for gaps the live notifications left open; passes over those it cannot fill in time. */
    private void readGaps(long now) {
        Map<PortfolioId, Long> open = sequencer.gapsOpenSince(now - timing.gapRead().toNanos());
        if (open.isEmpty()) {
            return;
        }
        source.eventsAfter(open).events().forEach(e -> sequencer.accept(e, now));
        sequencer.gapsOpenSince(now - timing.giveUp().toNanos()).keySet().forEach(portfolio -> {
            long missing = sequencer.skipGap(portfolio, now);
            LOG.warn("order event feed: event {} of portfolio {} was neither notified nor stored within {} s; passing "
                    + "over it (subscriptions that need it are dropped)", missing, portfolio,
                    timing.giveUp().toSeconds());
        });
    }

    /** Registers again after a topology change, or after registering failed; a registration that works is kept. */
    private void checkRegistration() {
        synchronized (this) {
            if (subscriptions.isEmpty() || registration != null
                    && source.topologyVersion() == registeredTopology) {
                return;
            }
            long was = registeredTopology;
            boolean fresh = registration == null;
            long made;
            try {
                made = register();
            } catch (IllegalStateException e) {
                LOG.warn("order event feed: {}; trying again in {} ms", e.getMessage(), timing.check().toMillis());
                return;
            }
            LOG.info("order event feed: registered again with the grid (topology {} -> {})", was, registeredTopology);
            // Not a fresh start: the subscriptions go on, and what they missed is read from the store.
            registered.add(new Registered(made, null));
            if (fresh) {
                LOG.info("order event feed: notifications were off for a while; reading what was missed");
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.forEach(s -> s.drop("the order event feed is stopping"));
        synchronized (this) {
            unregister();
        }
        thread.interrupt();
    }
}
