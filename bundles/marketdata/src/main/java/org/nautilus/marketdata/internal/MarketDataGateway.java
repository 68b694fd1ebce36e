package org.nautilus.marketdata.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarkListener;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The market data gateway, plain Java: instruments, the latest quote and trade per instrument, marks, bars of
 * several specs (time, tick, volume) and subscriptions.
 *
 * <p>Each instrument is one partition: its updates are applied under its own lock, in arrival order, and fanned
 * out to the subscribers' queues in that same order (a bar a tick closes goes out before that tick). Data for an
 * unknown instrument is refused with an {@link IllegalArgumentException} and changes nothing. Time bars close on
 * event time (a tick in a later interval) or, for an instrument gone quiet, when {@link #flush()} finds that the
 * feed's clock must have passed the bar's end (last tick time plus the wall time elapsed since it arrived), so
 * replayed history does not close early and live bars close on time.
 *
 * <p>Bar specs: the default time interval first (what {@link #bars(InstrumentId, int)} and
 * {@link #subscribe} give), then the configured ones, then the ones subscribers asked for.
 */
public final class MarketDataGateway implements MarketDataService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataGateway.class);

    private final Clock clock;
    private final Map<InstrumentId, Instrument> instruments = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Book> books = new ConcurrentHashMap<>();
    private final List<SubscriberChannel> channels = new CopyOnWriteArrayList<>();
    /** Told of each mark change under the instrument's lock (so in order), see {@link #subscribeMarks}. */
    private final List<MarkListener> markListeners = new CopyOnWriteArrayList<>();
    private volatile BroadcastRing ring;
    private final AtomicLong subscriberIds = new AtomicLong();
    /** Specs asked for by {@link #subscribeBars} or by published bars; kept across reconfigurations. */
    private final Set<BarSpec> requested = ConcurrentHashMap.newKeySet();
    private volatile Settings settings;

    /**
     * @param clock          wall clock, used to close the bars of quiet instruments
     * @param barInterval    the default bar interval
     * @param barHistory     closed bars kept per instrument and spec
     * @param queueCapacity  events a subscriber may fall behind before it skips ahead (the broadcast ring's size,
     *                       rounded up to a power of two)
     */
    public MarketDataGateway(Clock clock, Duration barInterval, int barHistory, int queueCapacity) {
        this(clock, barInterval, List.of(), barHistory, queueCapacity);
    }

    /** As above, with more bar specs aggregated from the start. */
    public MarketDataGateway(Clock clock, Duration barInterval, List<BarSpec> extraSpecs, int barHistory,
            int queueCapacity) {
        this(clock, barInterval, extraSpecs, ZoneOffset.UTC, barHistory, queueCapacity);
    }

    /**
     * @param sessionZone the time zone whose midnight starts daily bars (the trading day of the market)
     */
    public MarketDataGateway(Clock clock, Duration barInterval, List<BarSpec> extraSpecs, ZoneId sessionZone,
            int barHistory, int queueCapacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = new Settings(barInterval, List.copyOf(extraSpecs), sessionZone, barHistory, queueCapacity);
        this.ring = new BroadcastRing(queueCapacity);
    }

    /**
     * Changes the bar settings. Specs still wanted keep their state and history; a spec no longer wanted (not the
     * default, not configured, not subscribed) is dropped; a new one starts with the next tick.
     */
    public void reconfigure(Duration barInterval, List<BarSpec> extraSpecs, ZoneId sessionZone, int barHistory,
            int queueCapacity) {
        Settings next = new Settings(barInterval, List.copyOf(extraSpecs), sessionZone, barHistory, queueCapacity);
        boolean newZone = !next.sessionZone.equals(settings.sessionZone);
        settings = next;
        List<BarSpec> specs = barSpecs();
        for (Book book : books.values()) {
            synchronized (book) {
                if (newZone) {
                    // daily bars of two session zones must not mix: start them again
                    book.series.keySet().removeIf(spec -> spec.type() == BarSpec.Type.TIME
                            && spec.interval().toNanos() % Duration.ofDays(1).toNanos() == 0);
                }
                book.series.keySet().retainAll(specs);
                for (BarSpec spec : specs) {
                    book.series(spec);
                }
                for (Series series : book.series.values()) {
                    series.trim(next.barHistory);
                }
            }
        }
    }

    /** Keeps the session zone. */
    public void reconfigure(Duration barInterval, List<BarSpec> extraSpecs, int barHistory, int queueCapacity) {
        reconfigure(barInterval, extraSpecs, settings.sessionZone, barHistory, queueCapacity);
    }

    /** Convenience for a single interval and no extra specs. */
    public void reconfigure(Duration barInterval, int barHistory, int queueCapacity) {
        reconfigure(barInterval, settings.extraSpecs, barHistory, queueCapacity);
    }

    public Duration barInterval() {
        return settings.barInterval;
    }

    @Override
    public List<BarSpec> barSpecs() {
        Settings s = settings;
        Set<BarSpec> specs = new LinkedHashSet<>();
        specs.add(s.defaultSpec);
        specs.addAll(s.extraSpecs);
        specs.addAll(requested);
        return List.copyOf(specs);
    }

    @Override
    public void publish(Quote quote) {
        Book book = book(quote.instrumentId(), "quote");
        synchronized (book) {
            Instant ts = quote.timestamp();
            Quote last = book.lastQuote;
            if (last == null || !ts.isBefore(last.timestamp())) {
                book.lastQuote = quote;
            }
            book.quotes++;
            book.arrived(ts, clock.instant());
            Price mid = quote.mid();
            for (Series series : book.series.values()) {
                series.aggregator.onQuoteMid(ts, mid, series);
            }
            reportMark(book);
            fanOut(quote.instrumentId(), quote);
        }
    }

    @Override
    public void publish(Trade trade) {
        Book book = book(trade.instrumentId(), "trade");
        synchronized (book) {
            Instant ts = trade.timestamp();
            Trade last = book.lastTrade;
            if (last == null || !ts.isBefore(last.timestamp())) {
                book.lastTrade = trade;
            }
            book.trades++;
            book.arrived(ts, clock.instant());
            for (Series series : book.series.values()) {
                series.aggregator.onTrade(ts, trade.price(), trade.size(), series);
            }
            reportMark(book);
            fanOut(trade.instrumentId(), trade);
        }
    }

    /**
     * Publishes a closed bar from a feed into the series of its interval. Bars of one series must come in order:
     * a bar starting before the end of the last one is refused (a published bar is never revised).
     */
    @Override
    public void publish(Bar bar) {
        Book book = book(bar.instrumentId(), "bar");
        BarSpec spec = BarSpec.time(bar.interval());
        if (requested.add(spec)) {
            addSeries(spec);
        }
        synchronized (book) {
            Series series = book.series(spec);
            Bar last = series.history.peekLast();
            if (last != null && bar.start().isBefore(last.end())) {
                throw new IllegalArgumentException(bar.instrumentId() + ": bar " + bar.start() + ".." + bar.end()
                        + " overlaps the last " + spec + " bar, which ended " + last.end());
            }
            series.aggregator.advanceTo(bar.end(), series);
            book.lastBarClose = bar.close();
            book.arrived(bar.end(), clock.instant());
            reportMark(book);
            series.accept(bar);
        }
    }

    /**
     * Closes the time bars whose end the feeds' clocks have passed although no later tick came. Called
     * periodically.
     */
    public void flush() {
        Instant now = clock.instant();
        for (Book book : books.values()) {
            synchronized (book) {
                if (book.lastEventTime != null) {
                    Duration quiet = Duration.between(book.lastArrival, now);
                    if (!quiet.isNegative()) {
                        Instant eventNow = book.lastEventTime.plus(quiet);
                        for (Series series : book.series.values()) {
                            series.aggregator.advanceTo(eventNow, series);
                        }
                    }
                }
            }
        }
    }

    @Override
    public void closeBars(InstrumentId id) {
        Book book = book(id, "closeBars");
        synchronized (book) {
            for (Series series : book.series.values()) {
                series.aggregator.closeOpen(series);
            }
        }
    }

    @Override
    public Collection<Instrument> instruments() {
        List<Instrument> all = new ArrayList<>(instruments.values());
        all.sort(Comparator.comparing(Instrument::id));
        return all;
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        return Optional.ofNullable(instruments.get(id));
    }

    @Override
    public void define(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        books.computeIfAbsent(instrument.id(), Book::new);
        instruments.put(instrument.id(), instrument);
    }

    /** Forgets an instrument: its data is refused from now on and its history is dropped. */
    public boolean remove(InstrumentId id) {
        books.remove(id);
        return instruments.remove(id) != null;
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId id) {
        Book book = books.get(id);
        return book == null ? Optional.empty() : Optional.ofNullable(book.lastQuote);
    }

    public Optional<Trade> lastTrade(InstrumentId id) {
        Book book = books.get(id);
        return book == null ? Optional.empty() : Optional.ofNullable(book.lastTrade);
    }

    @Override
    public Subscription subscribeMarks(MarkListener listener) {
        Objects.requireNonNull(listener, "listener");
        markListeners.add(listener);
        return () -> markListeners.remove(listener);
    }

    /** Tells the mark listeners of the book's mark if it changed; under the book's lock. */
    private void reportMark(Book book) {
        if (markListeners.isEmpty()) {
            return;
        }
        Price mark = markOf(book);
        if (mark == null || mark.equals(book.reportedMark)) {
            return;
        }
        book.reportedMark = mark;
        for (MarkListener listener : markListeners) {
            try {
                listener.onMark(book.id, mark);
            } catch (RuntimeException e) {
                // One listener's failure must not stop the feed or the other listeners.
                LOG.warn("Mark listener {} failed on {} at {}", listener, book.id, mark, e);
            }
        }
    }

    @Override
    public Optional<Price> mark(InstrumentId id) {
        Book book = books.get(id);
        return book == null ? Optional.empty() : Optional.ofNullable(markOf(book));
    }

    private static Price markOf(Book book) {
        Trade trade = book.lastTrade;
        if (trade != null) {
            return trade.price();
        }
        Quote quote = book.lastQuote;
        return quote != null ? quote.mid() : book.lastBarClose;
    }

    @Override
    public List<Bar> bars(InstrumentId id, int limit) {
        return bars(id, settings.defaultSpec, limit);
    }

    @Override
    public List<Bar> bars(InstrumentId id, BarSpec spec, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        List<BarSpec> specs = barSpecs();
        if (!specs.contains(spec)) {
            throw new IllegalArgumentException("bars of " + spec + " are not aggregated; specs: " + specs
                    + " (add it to bar.specs in etc/nautilus.marketdata.cfg or subscribe to it)");
        }
        Book book = books.get(id);
        if (book == null) {
            return List.of();
        }
        synchronized (book) {
            Series series = book.series.get(spec);
            if (series == null) {
                return List.of();
            }
            List<Bar> all = new ArrayList<>(series.history);
            return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        }
    }

    @Override
    public Subscription subscribe(Set<InstrumentId> instrumentIds, MarketDataListener listener) {
        return open(instrumentIds, null, listener);
    }

    @Override
    public Subscription subscribeBars(Set<InstrumentId> instrumentIds, BarSpec spec, MarketDataListener listener) {
        Objects.requireNonNull(spec, "spec");
        SubscriberChannel channel = open(instrumentIds, spec, listener);
        if (!barSpecs().contains(spec) && requested.add(spec)) {
            addSeries(spec);
        }
        return channel;
    }

    @Override
    public Subscription subscribeAllBars(Set<InstrumentId> instrumentIds, MarketDataListener listener) {
        return open(instrumentIds, null, true, listener);
    }

    private SubscriberChannel open(Set<InstrumentId> instrumentIds, BarSpec spec, MarketDataListener listener) {
        return open(instrumentIds, spec, false, listener);
    }

    private synchronized SubscriberChannel open(Set<InstrumentId> instrumentIds, BarSpec spec, boolean allBars,
            MarketDataListener listener) {
        Objects.requireNonNull(listener, "listener");
        for (InstrumentId id : instrumentIds) {
            if (!instruments.containsKey(id)) {
                throw new IllegalArgumentException(unknown(id, "subscription"));
            }
        }
        if (channels.isEmpty() && ring.capacity() != new BroadcastRing(settings.queueCapacity).capacity()) {
            // a new ring size takes effect when nobody reads the old ring
            ring = new BroadcastRing(settings.queueCapacity);
        }
        SubscriberChannel channel = allBars
                ? SubscriberChannel.allBars(subscriberIds.incrementAndGet(), instrumentIds, listener, ring,
                        channels::remove)
                : new SubscriberChannel(subscriberIds.incrementAndGet(), instrumentIds, spec, listener, ring,
                        channels::remove);
        channels.add(channel);
        channel.start();
        return channel;
    }

    private void addSeries(BarSpec spec) {
        for (Book book : books.values()) {
            synchronized (book) {
                book.series(spec);
            }
        }
    }

    /** Counters per instrument, for the shell and monitoring. */
    public List<InstrumentStats> stats() {
        List<InstrumentStats> result = new ArrayList<>();
        for (Book book : books.values()) {
            synchronized (book) {
                long late = 0;
                long closed = 0;
                for (Series series : book.series.values()) {
                    late += series.aggregator.lateTicks();
                    closed += series.closed;
                }
                result.add(new InstrumentStats(book.id, book.quotes, book.trades, closed, late));
            }
        }
        result.sort(Comparator.comparing(InstrumentStats::instrumentId));
        return result;
    }

    /** Counters per subscriber. */
    public List<SubscriberStats> subscribers() {
        List<SubscriberStats> result = new ArrayList<>();
        for (SubscriberChannel channel : channels) {
            result.add(new SubscriberStats(channel.name(), channel.delivered(), channel.dropped(), channel.failures(),
                    channel.backlog()));
        }
        return result;
    }

    /** Stops every subscriber's delivery thread. */
    @Override
    public void close() {
        for (SubscriberChannel channel : channels) {
            channel.close();
        }
    }

    private Book book(InstrumentId id, String what) {
        Book book = books.get(id);
        if (book == null || !instruments.containsKey(id)) {
            throw new IllegalArgumentException(unknown(id, what));
        }
        return book;
    }

    private String unknown(InstrumentId id, String what) {
        List<InstrumentId> known = new ArrayList<>(instruments.keySet());
        known.sort(null);
        return "unknown instrument '" + id + "' in " + what + ": known instruments are " + known
                + "; define it in etc/nautilus.marketdata.cfg (instruments = SYMBOL:CURRENCY:TICK:LOT, ...)";
    }

    /** Puts an event on the ring for the subscribers; nothing to do while there are none. */
    private void fanOut(InstrumentId id, Object event) {
        if (!channels.isEmpty()) {
            ring.publish(event);
        }
    }

    private void fanOutBar(InstrumentId id, BarSpec spec, Bar bar) {
        if (!channels.isEmpty()) {
            ring.publish(new SubscriberChannel.SpecBar(spec, spec.equals(settings.defaultSpec), bar));
        }
    }

    /** Per-instrument counters. */
    public record InstrumentStats(InstrumentId instrumentId, long quotes, long trades, long barsClosed,
            long lateTicks) {
    }

    /**
     * Per-subscriber counters.
     *
     * @param name the listener's class and the subscription's number ({@code FeatureEngine#3}): unique while it lives
     */
    public record SubscriberStats(String name, long delivered, long dropped, long failures, long backlog) {
    }

    private record Settings(Duration barInterval, BarSpec defaultSpec, List<BarSpec> extraSpecs, ZoneId sessionZone,
            int barHistory, int queueCapacity) {
        Settings(Duration barInterval, List<BarSpec> extraSpecs, ZoneId sessionZone, int barHistory,
                int queueCapacity) {
            this(barInterval, spec(barInterval), extraSpecs, sessionZone, barHistory, queueCapacity);
        }

        Settings {
            Objects.requireNonNull(sessionZone, "sessionZone");
            if (barHistory < 1) {
                throw new IllegalArgumentException("bar.history must be at least 1, got " + barHistory);
            }
            if (queueCapacity < 2 || queueCapacity > 1 << 26) {
                throw new IllegalArgumentException("subscriber.queue.capacity must be within 2..67108864, got "
                        + queueCapacity);
            }
        }

        private static BarSpec spec(Duration interval) {
            Objects.requireNonNull(interval, "barInterval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("bar.interval must be positive, got " + interval);
            }
            return BarSpec.time(interval);
        }
    }

    /** The state of one instrument; guarded by its own monitor. */
    private final class Book {
        final InstrumentId id;
        final Map<BarSpec, Series> series = new LinkedHashMap<>();
        volatile Quote lastQuote;
        volatile Trade lastTrade;
        volatile Price lastBarClose;
        /** The mark last told to the mark listeners (under the book's lock). */
        Price reportedMark;
        Instant lastEventTime;
        Instant lastArrival;
        long quotes;
        long trades;

        Book(InstrumentId id) {
            this.id = id;
            for (BarSpec spec : barSpecs()) {
                series(spec);
            }
        }

        Series series(BarSpec spec) {
            return series.computeIfAbsent(spec, s -> new Series(id, s));
        }

        void arrived(Instant eventTime, Instant arrival) {
            if (lastEventTime == null || eventTime.isAfter(lastEventTime)) {
                lastEventTime = eventTime;
            }
            lastArrival = arrival;
        }
    }

    /** The bars of one spec for one instrument: aggregation state and bounded history. */
    private final class Series implements Consumer<Bar> {
        final InstrumentId id;
        final BarSpec spec;
        final BarAggregator aggregator;
        final ArrayDeque<Bar> history = new ArrayDeque<>();
        long closed;

        Series(InstrumentId id, BarSpec spec) {
            this.id = id;
            this.spec = spec;
            this.aggregator = BarAggregator.of(id, spec, settings.sessionZone);
        }

        /** A closed bar: keep it and send it out. Called under the book's lock. */
        @Override
        public void accept(Bar bar) {
            history.addLast(bar);
            trim(settings.barHistory);
            closed++;
            fanOutBar(id, spec, bar);
        }

        void trim(int max) {
            while (history.size() > max) {
                history.removeFirst();
            }
        }
    }
}
