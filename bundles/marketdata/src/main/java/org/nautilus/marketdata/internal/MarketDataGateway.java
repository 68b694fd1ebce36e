package org.nautilus.marketdata.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;

/**
 * The market data gateway, plain Java: instruments, the latest quote and trade per instrument, marks, time bars
 * and subscriptions.
 *
 * <p>Each instrument is one partition: its updates are applied under its own lock, in arrival order, and fanned
 * out to the subscribers' queues in that same order. Data for an unknown instrument is refused with an
 * {@link IllegalArgumentException} and changes nothing. Bars close on event time (a tick in a later interval) or,
 * for an instrument gone quiet, when {@link #flush()} finds that the feed's clock must have passed the bar's end
 * (last tick time plus the wall time elapsed since it arrived), so replayed history does not close early.
 */
public final class MarketDataGateway implements MarketDataService, AutoCloseable {

    private final Clock clock;
    private final Map<InstrumentId, Instrument> instruments = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Book> books = new ConcurrentHashMap<>();
    private final List<SubscriberChannel> channels = new CopyOnWriteArrayList<>();
    private final AtomicLong subscriberIds = new AtomicLong();
    private volatile Settings settings;

    /**
     * @param clock          wall clock, used to close the bars of quiet instruments
     * @param barInterval    the interval of the bars kept and published
     * @param barHistory     closed bars kept per instrument
     * @param queueCapacity  events buffered per subscriber before new ones are dropped for it
     */
    public MarketDataGateway(Clock clock, Duration barInterval, int barHistory, int queueCapacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = new Settings(barInterval, barHistory, queueCapacity);
    }

    /**
     * Changes the bar settings. A new interval restarts aggregation and clears the bar history, since bars of two
     * intervals must not mix; a new history size or queue capacity applies to what comes next.
     */
    public void reconfigure(Duration barInterval, int barHistory, int queueCapacity) {
        Settings next = new Settings(barInterval, barHistory, queueCapacity);
        Settings previous = settings;
        settings = next;
        for (Book book : books.values()) {
            synchronized (book) {
                if (!previous.barInterval.equals(next.barInterval)) {
                    book.aggregator = new TimeBarAggregator(book.id, next.barInterval);
                    book.history.clear();
                }
                while (book.history.size() > next.barHistory) {
                    book.history.removeFirst();
                }
            }
        }
    }

    public Duration barInterval() {
        return settings.barInterval;
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
            // A bar this tick closes is published before the tick itself.
            book.aggregator.onQuoteMid(ts, quote.mid(), book);
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
            book.aggregator.onTrade(ts, trade.price(), trade.size(), book);
            fanOut(trade.instrumentId(), trade);
        }
    }

    /**
     * Closes the bars whose end the feeds' clocks have passed although no later tick came. Called periodically.
     */
    public void flush() {
        Instant now = clock.instant();
        for (Book book : books.values()) {
            synchronized (book) {
                if (book.lastEventTime != null) {
                    Duration quiet = Duration.between(book.lastArrival, now);
                    if (!quiet.isNegative()) {
                        book.aggregator.advanceTo(book.lastEventTime.plus(quiet), book);
                    }
                }
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
        books.computeIfAbsent(instrument.id(), id -> new Book(id, settings.barInterval));
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
    public Optional<Price> mark(InstrumentId id) {
        Book book = books.get(id);
        if (book == null) {
            return Optional.empty();
        }
        Trade trade = book.lastTrade;
        if (trade != null) {
            return Optional.of(trade.price());
        }
        Quote quote = book.lastQuote;
        return quote == null ? Optional.empty() : Optional.of(quote.mid());
    }

    @Override
    public List<Bar> bars(InstrumentId id, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        Book book = books.get(id);
        if (book == null) {
            return List.of();
        }
        synchronized (book) {
            List<Bar> all = new ArrayList<>(book.history);
            return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
        }
    }

    @Override
    public Subscription subscribe(Set<InstrumentId> instrumentIds, MarketDataListener listener) {
        Objects.requireNonNull(listener, "listener");
        for (InstrumentId id : instrumentIds) {
            if (!instruments.containsKey(id)) {
                throw new IllegalArgumentException(unknown(id, "subscription"));
            }
        }
        SubscriberChannel channel = new SubscriberChannel(subscriberIds.incrementAndGet(), instrumentIds, listener,
                settings.queueCapacity, channels::remove);
        channels.add(channel);
        channel.start();
        return channel;
    }

    /** Counters per instrument, for the shell and monitoring. */
    public List<InstrumentStats> stats() {
        List<InstrumentStats> result = new ArrayList<>();
        for (Book book : books.values()) {
            synchronized (book) {
                result.add(new InstrumentStats(book.id, book.quotes, book.trades, book.barsClosed,
                        book.aggregator.lateTicks()));
            }
        }
        result.sort(Comparator.comparing(InstrumentStats::instrumentId));
        return result;
    }

    /** Counters per subscriber. */
    public List<SubscriberStats> subscribers() {
        List<SubscriberStats> result = new ArrayList<>();
        for (SubscriberChannel channel : channels) {
            result.add(new SubscriberStats(channel.delivered(), channel.dropped(), channel.failures(),
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

    private void fanOut(InstrumentId id, Object event) {
        for (SubscriberChannel channel : channels) {
            if (channel.wants(id)) {
                channel.offer(event);
            }
        }
    }

    /** Per-instrument counters. */
    public record InstrumentStats(InstrumentId instrumentId, long quotes, long trades, long barsClosed,
                                  long lateTicks) {
    }

    /** Per-subscriber counters. */
    public record SubscriberStats(long delivered, long dropped, long failures, int backlog) {
    }

    private record Settings(Duration barInterval, int barHistory, int queueCapacity) {
        Settings {
            Objects.requireNonNull(barInterval, "barInterval");
            if (barInterval.isNegative() || barInterval.isZero()) {
                throw new IllegalArgumentException("bar.interval must be positive, got " + barInterval);
            }
            if (barHistory < 1) {
                throw new IllegalArgumentException("bar.history must be at least 1, got " + barHistory);
            }
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("subscriber.queue.capacity must be at least 1, got " + queueCapacity);
            }
        }
    }

    /** The state of one instrument; guarded by its own monitor. Closed bars arrive through {@link #accept}. */
    private final class Book implements Consumer<Bar> {
        final InstrumentId id;
        final ArrayDeque<Bar> history = new ArrayDeque<>();
        TimeBarAggregator aggregator;
        volatile Quote lastQuote;
        volatile Trade lastTrade;
        Instant lastEventTime;
        Instant lastArrival;
        long quotes;
        long trades;
        long barsClosed;

        Book(InstrumentId id, Duration interval) {
            this.id = id;
            this.aggregator = new TimeBarAggregator(id, interval);
        }

        void arrived(Instant eventTime, Instant arrival) {
            if (lastEventTime == null || eventTime.isAfter(lastEventTime)) {
                lastEventTime = eventTime;
            }
            lastArrival = arrival;
        }

        @Override
        public void accept(Bar bar) {
            history.addLast(bar);
            while (history.size() > settings.barHistory) {
                history.removeFirst();
            }
            barsClosed++;
            fanOut(id, bar);
        }
    }
}
