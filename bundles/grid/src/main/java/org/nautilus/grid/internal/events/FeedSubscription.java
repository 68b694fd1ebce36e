package org.nautilus.grid.internal.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventFeed;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription of the {@link ClusterEventFeed}: a bounded queue filled without blocking by the feed's thread,
 * and a thread of its own that hands the events to the subscriber: first the stored events of the portfolios it
 * resumes, then the live ones, each once and in sequence order per portfolio (a live event after a gap waits for the
 * missing ones to be read from the store). A subscriber that falls behind, or whose gap the store cannot fill, is
 * dropped; the reason says where to resume.
 */
final class FeedSubscription implements OrderEventFeed.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(FeedSubscription.class);
    private static final long GAP_RETRY_MILLIS = 100;

    private final String name;
    private final OrderEventSubscriber subscriber;
    /** Empty: every portfolio. */
    private final Set<PortfolioId> portfolios;
    private final int capacity;
    private final CommittedEvents store;
    private final Duration gapWait;
    private final Runnable onEnd;
    private final BlockingQueue<OrderEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread thread;
    private volatile String dropped;
    private volatile boolean closed;
    /** The delivery thread's: the last sequence handed per portfolio. */
    private final Map<PortfolioId, Long> delivered = new HashMap<>();
    private long failures;

    /**
     * @param store   where missed events are read from
     * @param gapWait how long a gap in the live events may wait for the store to have the missing ones
     * @param onEnd   called once when the subscription ends (closed or dropped)
     */
    FeedSubscription(String name, OrderEventSubscriber subscriber, Set<PortfolioId> portfolios, int capacity,
            CommittedEvents store, Duration gapWait, Runnable onEnd) {
        if (capacity < 1) {
            throw new IllegalArgumentException("subscription " + name + ": queue size must be at least 1, got "
                    + capacity);
        }
        subscriber.resumeAfter().forEach((portfolio, after) -> {
            if (after < 0) {
                throw new IllegalArgumentException("subscription " + name + ": resume point of portfolio "
                        + portfolio + " must not be negative, got " + after);
            }
        });
        this.name = name;
        this.subscriber = subscriber;
        this.portfolios = Set.copyOf(portfolios);
        this.capacity = capacity;
        this.store = store;
        this.gapWait = gapWait;
        this.onEnd = onEnd;
        this.thread = new Thread(this::run, "nautilus-event-feed-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String name() {
        return name;
    }

    boolean wants(PortfolioId portfolio) {
        return portfolios.isEmpty() || portfolios.contains(portfolio);
    }

    /** Queues a live event; never blocks. A full queue drops the subscriber. */
    void offer(OrderEvent event) {
        if (dropped != null || closed) {
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            drop("it fell behind: its queue of " + capacity + " events is full");
            return;
        }
        queue.add(event);
    }

    /** Ends the subscription: what is queued is delivered, then {@code why}. */
    void drop(String why) {
        synchronized (this) {
            if (dropped != null || closed) {
                return;
            }
            dropped = why;
        }
        LOG.warn("order event feed subscription {} dropped: {}", name, why);
    }

    /** Ends delivery after the event in hand (no interrupt: it could break the subscriber's own I/O). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onEnd.run();
        }
    }

    private void run() {
        try {
            resume();
            while (!closed) {
                OrderEvent event = queue.poll(100, TimeUnit.MILLISECONDS);
                if (event != null) {
                    queued.decrementAndGet();
                    handInOrder(event);
                } else if (dropped != null) {
                    end();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The store could not serve a resume or fill a gap: nothing went out of order, the subscriber learns why.
            if (!closed) {
                drop(e.getMessage());
                end();
            }
        }
    }

    /** Tells the subscriber it is dropped, and where it can resume. */
    private void end() {
        String why = dropped + (delivered.isEmpty() ? "" : "; it can resume after " + new TreeMap<>(delivered));
        closed = true;
        onEnd.run();
        try {
            subscriber.onDropped(why);
        } catch (RuntimeException e) {
            LOG.warn("order event feed subscription {} failed on being dropped", name, e);
        }
    }

    /** The stored events of each portfolio the subscriber resumes, before any live one. */
    private void resume() {
        Map<PortfolioId, Long> after = subscriber.resumeAfter();
        if (after.isEmpty()) {
            return;
        }
        CommittedEvents.Tail tail = store.eventsAfter(after);
        after.forEach((portfolio, sequence) -> {
            long last = tail.last().getOrDefault(portfolio, 0L);
            if (sequence > last) {
                throw new IllegalArgumentException("it resumes portfolio " + portfolio + " after sequence " + sequence
                        + ", but the portfolio's events have only got to " + last + " (was the store replaced?): "
                        + "resume from " + last + " or lower");
            }
            delivered.put(portfolio, sequence);
        });
        LOG.info("order event feed subscription {} resumes {}: {} missed event(s)", name, new TreeMap<>(after),
                tail.events().size());
        tail.events().forEach(this::handIfNext);
    }

    /**
     * Hands the event unless it was handed already, after the events between it and the last one handed, read from
     * the store (a live stream starts where the grid's notifications were when the subscription began, which can
     * be after what resuming read).
     */
    private void handInOrder(OrderEvent event) throws InterruptedException {
        PortfolioId portfolio = event.portfolioId();
        Long last = delivered.get(portfolio);
        if (last != null && event.sequence() <= last) {
            return;
        }
        if (last != null && event.sequence() > last + 1) {
            fillGap(portfolio, event.sequence());
        }
        hand(event);
    }

    private void handIfNext(OrderEvent event) {
        Long last = delivered.get(event.portfolioId());
        if (last == null || event.sequence() == last + 1) {
            hand(event);
        }
    }

    /** Hands the portfolio's stored events up to {@code before} (exclusive), waiting for the store to have them. */
    private void fillGap(PortfolioId portfolio, long before) throws InterruptedException {
        long deadline = System.nanoTime() + gapWait.toNanos();
        while (true) {
            for (OrderEvent stored : store.eventsAfter(Map.of(portfolio, delivered.get(portfolio))).events()) {
                if (stored.sequence() < before) {
                    handIfNext(stored);
                }
            }
            long last = delivered.get(portfolio);
            if (last == before - 1) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("events " + (last + 1) + " to " + (before - 1) + " of portfolio "
                        + portfolio + " were not seen live and could not be read from the store within "
                        + gapWait.toMillis() + " ms");
            }
            Thread.sleep(GAP_RETRY_MILLIS);
        }
    }

    private void hand(OrderEvent event) {
        delivered.put(event.portfolioId(), event.sequence());
        try {
            subscriber.onEvent(event);
        } catch (RuntimeException e) {
            // The subscriber's own failure; the next events still go to it.
            if (failures++ % 10_000 == 0) {
                LOG.error("order event feed subscription {} failed on event {} of portfolio {} ({} failure(s) so far)",
                        name, event.sequence(), event.portfolioId(), failures, e);
            }
        }
    }
}
