package org.nautilus.oms.internal.core;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers to the OMS's committed events, each fed through a bounded queue by a thread of its own, so a
 * slow or failing subscriber never holds up order flow: one whose queue is full is dropped (reported once, with
 * the reason). A subscriber that asks to resume gets the events it missed from the store first.
 */
public final class OrderEventSubscribers {

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventSubscribers.class);
    /** How long a gap in a portfolio's events may wait for the store to have its committed events. */
    private static final Duration GAP_WAIT = Duration.ofSeconds(30);
    private static final long GAP_RETRY_MILLIS = 50;

    /** Where missed events come from, and how far each portfolio's stream has got. */
    interface History {
        /** The stored events of the portfolio after {@code sequence}, in sequence order. */
        List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence);

        /** The portfolio's last sequence given out. */
        long lastSequence(PortfolioId portfolio);
    }

    private final History history;
    private final Duration gapWait;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    OrderEventSubscribers(History history) {
        this(history, GAP_WAIT);
    }

    OrderEventSubscribers(History history, Duration gapWait) {
        this.history = history;
        this.gapWait = gapWait;
    }

    /** Starts delivering committed events to {@code subscriber}, after its missed ones if it asks to resume. */
    void add(OrderEventSubscriber subscriber, String name, int queueSize) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("subscriber " + name + ": queue size must be at least 1, got "
                    + queueSize);
        }
        Subscription subscription = new Subscription(subscriber, name, queueSize);
        // Live events queue from here on; the missed ones are read after, so none falls between the two.
        subscriptions.add(subscription);
        subscription.start();
    }

    /** Stops delivering to {@code subscriber}; what was queued for it is discarded. */
    void remove(OrderEventSubscriber subscriber) {
        for (Subscription subscription : subscriptions) {
            if (subscription.subscriber == subscriber) {
                subscriptions.remove(subscription);
                subscription.stop();
            }
        }
    }

    boolean any() {
        return !subscriptions.isEmpty();
    }

    int size() {
        return subscriptions.size();
    }

    /** Queues one durable step's events for every subscriber; never blocks. */
    void deliver(List<OrderEvent> events) {
        for (Subscription subscription : subscriptions) {
            subscription.offer(events);
        }
    }

    void close() {
        for (Subscription subscription : subscriptions) {
            subscriptions.remove(subscription);
            subscription.stop();
        }
    }

    /** One subscriber's queue and delivery thread. */
    private final class Subscription {
        final OrderEventSubscriber subscriber;
        private final String name;
        private final int capacity;
        /** Whole durable steps, one slot each (one hand-off per step, not per event); events counted in queued. */
        private final BlockingQueue<List<OrderEvent>> queue = new LinkedBlockingQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final Thread thread;
        /** Why it was dropped; its thread delivers what was queued, then reports it. */
        private volatile String dropped;
        private volatile boolean stopped;
        /** The delivery thread's: the last sequence delivered per portfolio, to skip what resuming already gave. */
        private final Map<PortfolioId, Long> delivered = new HashMap<>();
        private long failures;

        Subscription(OrderEventSubscriber subscriber, String name, int capacity) {
            this.subscriber = subscriber;
            this.name = name;
            this.capacity = capacity;
            this.thread = new Thread(this::run, "nautilus-oms-subscriber-" + name);
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        /** Ends delivery after the event in hand (no interrupt: it could break the subscriber's own I/O). */
        void stop() {
            stopped = true;
        }

        void offer(List<OrderEvent> events) {
            if (dropped != null) {
                return;
            }
            if (queued.addAndGet(events.size()) > capacity) {
                drop("it fell behind: its queue of " + capacity + " events is full");
                return;
            }
            queue.add(events);
        }

        private synchronized void drop(String why) {
            if (dropped == null) {
                dropped = why;
                subscriptions.remove(this);
                LOG.warn("order event subscriber {} dropped: {}; order flow goes on without it, and it can resume "
                        + "from its last sequence when registered again", name, why);
            }
        }

        private void run() {
            try {
                resume();
                while (!stopped) {
                    List<OrderEvent> step = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (step != null) {
                        for (OrderEvent event : step) {
                            handInOrder(event);
                        }
                        queued.addAndGet(-step.size());
                    } else if (dropped != null) {
                        subscriber.onDropped(dropped);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The resume could not be served: nothing was delivered out of order, the subscriber learns why.
                drop(e.getMessage());
                subscriber.onDropped(dropped);
            }
        }

        /** The missed events of each portfolio the subscriber resumes, before any live one. */
        private void resume() throws InterruptedException {
            for (Map.Entry<PortfolioId, Long> point : subscriber.resumeAfter().entrySet()) {
                PortfolioId portfolio = point.getKey();
                long after = point.getValue();
                long last = history.lastSequence(portfolio);
                if (after > last) {
                    throw new IllegalArgumentException("it resumes portfolio " + portfolio + " after sequence "
                            + after + ", but the portfolio's events have only got to " + last
                            + " (was the store replaced?): resume from " + last + " or lower");
                }
                delivered.put(portfolio, after);
                List<OrderEvent> missed = history.eventsAfter(portfolio, after);
                LOG.info("order event subscriber {} resumes portfolio {} after sequence {}: {} missed event(s)", name,
                        portfolio, after, missed.size());
                for (OrderEvent event : missed) {
                    handInOrder(event);
                }
            }
        }

        /**
         * Hands the event unless it was handed already (the stored and the live events of a resumed portfolio
         * overlap), after the events between it and the last one handed. Those can be missing: the store is read
         * while commits land, and a read can see a later record before an earlier one (rows are written behind the
         * acknowledgement), while the live queue only holds what was committed after the subscription began. They
         * are read again from the store until it has them.
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

        /** Hands the portfolio's stored events up to {@code before} (exclusive), waiting for the store to have them. */
        private void fillGap(PortfolioId portfolio, long before) throws InterruptedException {
            long deadline = System.nanoTime() + gapWait.toNanos();
            while (true) {
                for (OrderEvent stored : history.eventsAfter(portfolio, delivered.get(portfolio))) {
                    if (stored.sequence() >= before || stored.sequence() != delivered.get(portfolio) + 1) {
                        break;
                    }
                    hand(stored);
                }
                long last = delivered.get(portfolio);
                if (last == before - 1) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("events " + (last + 1) + " to " + (before - 1) + " of portfolio "
                            + portfolio + " were committed but could not be read back from the store within "
                            + gapWait.toMillis() + " ms; it can resume after sequence " + last);
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
                    LOG.error("order event subscriber {} failed on event {} of portfolio {} ({} failure(s) so far)",
                            name, event.sequence(), event.portfolioId(), failures, e);
                }
            }
        }
    }
}
