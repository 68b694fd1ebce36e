package org.nautilus.marketdata.internal;

import java.util.Set;
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
 * One subscriber: its own thread reading the gateway's {@link BroadcastRing} from its own position and calling its
 * listener with what it subscribed to, in publication order. A slow listener only delays itself; one that falls a
 * whole ring behind skips ahead to recent data, and the loss is counted and logged (at most every few seconds).
 * When there is nothing to read the thread spins briefly, then yields, then parks until the next publication.
 */
final class SubscriberChannel implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriberChannel.class);
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int SPINS = 200;
    private static final int YIELDS = 50;

    /** A closed bar on the ring, with the spec it belongs to. */
    record SpecBar(BarSpec spec, boolean isDefault, Bar bar) {
    }

    private final long id;
    private final Set<InstrumentId> instruments;
    /** {@code null}: quotes, trades and the default bars (or, with {@link #allBars}, bars of every spec); otherwise only bars of this spec. */
    private final BarSpec barSpec;
    /** Bars of every spec, each with its spec ({@link MarketDataListener#onBar(BarSpec, Bar)}), and nothing else. */
    private final boolean allBars;
    private final MarketDataListener listener;
    private final BroadcastRing ring;
    private final Consumer<SubscriberChannel> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread thread;
    /** Our position on the ring: the next sequence to read (volatile, read by the ring and {@link #backlog()}). */
    private final BroadcastRing.Reader reader;
    private long lastDropLog;

    SubscriberChannel(long id, Set<InstrumentId> instruments, BarSpec barSpec, MarketDataListener listener,
            BroadcastRing ring, Consumer<SubscriberChannel> onClose) {
        this(id, instruments, barSpec, false, listener, ring, onClose);
    }

    /** A subscription to the bars of every spec. */
    static SubscriberChannel allBars(long id, Set<InstrumentId> instruments, MarketDataListener listener,
            BroadcastRing ring, Consumer<SubscriberChannel> onClose) {
        return new SubscriberChannel(id, instruments, null, true, listener, ring, onClose);
    }

    private SubscriberChannel(long id, Set<InstrumentId> instruments, BarSpec barSpec, boolean allBars,
            MarketDataListener listener, BroadcastRing ring, Consumer<SubscriberChannel> onClose) {
        this.id = id;
        this.instruments = Set.copyOf(instruments);
        this.barSpec = barSpec;
        this.allBars = allBars;
        this.listener = listener;
        this.ring = ring;
        this.onClose = onClose;
        this.reader = ring.register();
        this.thread = new Thread(this::run, "nautilus-marketdata-subscriber-" + id);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The listener's class and this subscription's number, e.g. {@code FeatureEngine#3}. */
    String name() {
        String type = listener.getClass().getSimpleName();
        return (type.isEmpty() ? listener.getClass().getName() : type) + "#" + id;
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

    /** Events published that this subscriber has not read yet. */
    long backlog() {
        return Math.max(0, ring.cursor() - reader.next);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            thread.interrupt();
            ring.unregister(reader);
            onClose.accept(this);
        }
    }

    private void run() {
        long position = reader.next;
        int idle = 0;
        while (!closed.get()) {
            BroadcastRing.Slot slot = ring.slot(position);
            if (slot != null && slot.sequence() == position) {
                offerToListener(slot.event());
                reader.next = ++position;
                idle = 0;
            } else if (slot != null && slot.sequence() > position) {
                position = lapped(position);
                reader.next = position;
            } else if (position < ring.cursor()) {
                Thread.onSpinWait(); // claimed, being written
            } else if (idle < SPINS) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < SPINS + YIELDS) {
                idle++;
                Thread.yield();
            } else {
                ring.awaitPublication(position, TimeUnit.MILLISECONDS.toNanos(100));
                if (Thread.interrupted() && closed.get()) {
                    break;
                }
                idle = 0;
            }
        }
    }

    /** The ring overwrote what we had not read: resume half a ring behind the newest, counting the loss. */
    private long lapped(long position) {
        long resume = Math.max(position + 1, ring.cursor() - ring.capacity() / 2);
        long lost = resume - position;
        long total = dropped.addAndGet(lost);
        long now = System.nanoTime();
        if (now - lastDropLog > DROP_LOG_INTERVAL_NANOS) {
            lastDropLog = now;
            LOG.warn("Market data subscriber {} ({}) is too slow: it fell {} events behind and skipped ahead, "
                    + "{} events lost so far", id, listener.getClass().getName(), ring.capacity(), total);
        }
        return resume;
    }

    private void offerToListener(Object event) {
        try {
            if (event instanceof Trade trade) {
                if (wants(trade.instrumentId())) {
                    listener.onTrade(trade);
                    delivered.incrementAndGet();
                }
            } else if (event instanceof Quote quote) {
                if (wants(quote.instrumentId())) {
                    listener.onQuote(quote);
                    delivered.incrementAndGet();
                }
            } else if (event instanceof SpecBar specBar) {
                if (allBars) {
                    if (instrumentMatches(specBar.bar().instrumentId())) {
                        listener.onBar(specBar.spec(), specBar.bar());
                        delivered.incrementAndGet();
                    }
                    return;
                }
                boolean specMatches = barSpec == null ? specBar.isDefault() : barSpec.equals(specBar.spec());
                if (specMatches && instrumentMatches(specBar.bar().instrumentId())) {
                    listener.onBar(specBar.bar());
                    delivered.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            // A failing listener must not kill its delivery thread: log and go on with the next event.
            if (failures.incrementAndGet() <= 10) {
                LOG.warn("Market data subscriber {} failed on {}", id, event, e);
            }
        }
    }

    private boolean wants(InstrumentId instrumentId) {
        return barSpec == null && !allBars && instrumentMatches(instrumentId);
    }

    private boolean instrumentMatches(InstrumentId instrumentId) {
        return instruments.isEmpty() || instruments.contains(instrumentId);
    }
}
