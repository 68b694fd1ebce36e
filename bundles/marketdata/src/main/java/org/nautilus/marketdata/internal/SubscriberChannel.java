package org.nautilus.marketdata.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber: a bounded queue drained by the subscriber's own thread, so a slow listener only delays
 * itself. When its queue is full, new events for it are dropped and counted (the publisher never blocks);
 * the drop count is logged at most every few seconds.
 */
final class SubscriberChannel implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberChannel.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long id;
    private final Set<InstrumentId> instruments;
    /** {@code null}: quotes, trades and the default bars; otherwise only bars of this spec. */
    private final BarSpec barSpec;
    private final MarketDataListener listener;
    private final BlockingQueue<Object> queue;
    private final Consumer<SubscriberChannel> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastDropLog;
    private final Thread thread;

    SubscriberChannel(long id, Set<InstrumentId> instruments, BarSpec barSpec, MarketDataListener listener,
                      int capacity, Consumer<SubscriberChannel> onClose) {
        this.id = id;
        this.instruments = Set.copyOf(instruments);
        this.barSpec = barSpec;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.onClose = onClose;
        this.thread = new Thread(this::run, "nautilus-marketdata-subscriber-" + id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Wants this instrument's quotes and trades. */
    boolean wants(InstrumentId instrumentId) {
        return barSpec == null && (instruments.isEmpty() || instruments.contains(instrumentId));
    }

    /** Wants this instrument's bars of {@code spec} ({@code isDefault}: the gateway's default spec). */
    boolean wantsBar(InstrumentId instrumentId, BarSpec spec, boolean isDefault) {
        boolean specMatches = barSpec == null ? isDefault : barSpec.equals(spec);
        return specMatches && (instruments.isEmpty() || instruments.contains(instrumentId));
    }

    BarSpec barSpec() {
        return barSpec;
    }

    /** Queues an event without blocking; {@code false} if it was dropped. */
    boolean offer(Object event) {
        if (closed.get()) {
            return false;
        }
        if (queue.offer(event)) {
            return true;
        }
        long drops = dropped.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastDropLog > DROP_LOG_INTERVAL_NANOS) {
            lastDropLog = now;
            LOG.warn("Market data subscriber {} ({}) is too slow: its queue of {} is full, {} events dropped so far",
                    id, listener.getClass().getName(), queue.remainingCapacity() + queue.size(), drops);
        }
        return false;
    }

    long delivered() {
        return delivered.get();
    }

    long dropped() {
        return dropped.get();
    }

    long failures() {
        return failures.get();
    }

    int backlog() {
        return queue.size();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            thread.interrupt();
            onClose.accept(this);
        }
    }

    private void run() {
        List<Object> batch = new ArrayList<>(256);
        while (!closed.get()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, 255);
            for (Object event : batch) {
                if (closed.get()) {
                    break;
                }
                deliver(event);
            }
            batch.clear();
        }
    }

    private void deliver(Object event) {
        try {
            if (event instanceof Quote quote) {
                listener.onQuote(quote);
            } else if (event instanceof Trade trade) {
                listener.onTrade(trade);
            } else if (event instanceof Bar bar) {
                listener.onBar(bar);
            }
            delivered.incrementAndGet();
        } catch (RuntimeException e) {
            // A failing listener must not kill its delivery thread: log and go on with the next event.
            if (failures.incrementAndGet() <= 10) {
                LOG.warn("Market data subscriber {} failed on {}", id, event, e);
            }
        }
    }
}
