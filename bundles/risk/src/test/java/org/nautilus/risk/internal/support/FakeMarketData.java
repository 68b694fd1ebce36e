package org.nautilus.risk.internal.support;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarkListener;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;

/**
 * An in-memory market data gateway: instruments, marks and bars a test sets. {@link #reportingMarks()} makes one that
 * also reports mark changes (as the real gateway does), so the risk engine keeps its running valuation over it.
 */
public final class FakeMarketData implements MarketDataService {

    private final boolean reportsMarks;
    private final List<MarkListener> markListeners = new CopyOnWriteArrayList<>();

    /** Without mark reports: the risk engine values portfolios in full. */
    public FakeMarketData() {
        this(false);
    }

    private FakeMarketData(boolean reportsMarks) {
        this.reportsMarks = reportsMarks;
    }

    /** With mark reports ({@link #subscribeMarks}). */
    public static FakeMarketData reportingMarks() {
        return new FakeMarketData(true);
    }

    private final Map<InstrumentId, Instrument> instruments = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Price> marks = new ConcurrentHashMap<>();
    private final Map<InstrumentId, List<Bar>> bars = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Quote> quotes = new ConcurrentHashMap<>();

    public void mark(String symbol, String price) {
        mark(InstrumentId.of(symbol), Price.of(price));
    }

    public void mark(InstrumentId id, Price price) {
        Price previous = marks.put(id, price);
        if (!price.equals(previous)) {
            for (MarkListener listener : markListeners) {
                listener.onMark(id, price);
            }
        }
    }

    /** Forgets a mark (a gateway never does: not with mark reports). */
    public void clearMark(String symbol) {
        if (reportsMarks) {
            throw new IllegalStateException("a gateway reporting marks never forgets one");
        }
        marks.remove(InstrumentId.of(symbol));
    }

    @Override
    public Subscription subscribeMarks(MarkListener listener) {
        if (!reportsMarks) {
            return MarketDataService.super.subscribeMarks(listener);
        }
        markListeners.add(listener);
        return () -> markListeners.remove(listener);
    }

    /** One-minute bars ending at {@code firstEnd}, {@code firstEnd + 1m}, ... closing at the given prices. */
    public void closes(String symbol, Instant firstEnd, double... closes) {
        List<Bar> list = new ArrayList<>();
        InstrumentId id = InstrumentId.of(symbol);
        for (int i = 0; i < closes.length; i++) {
            Price p = Price.of(BigDecimal.valueOf(closes[i]).setScale(4, RoundingMode.HALF_UP));
            Instant end = firstEnd.plus(Duration.ofMinutes(i));
            list.add(new Bar(id, end.minus(Duration.ofMinutes(1)), end, p, p, p, p, Quantity.ZERO));
        }
        bars.put(id, list);
    }

    @Override
    public void publish(Quote quote) {
        quotes.put(quote.instrumentId(), quote);
        mark(quote.instrumentId(), quote.mid());
    }

    @Override
    public void publish(Trade trade) {
        mark(trade.instrumentId(), trade.price());
    }

    @Override
    public Collection<Instrument> instruments() {
        return instruments.values();
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        return Optional.ofNullable(instruments.get(id));
    }

    @Override
    public void define(Instrument instrument) {
        instruments.put(instrument.id(), instrument);
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId id) {
        return Optional.ofNullable(quotes.get(id));
    }

    @Override
    public Optional<Price> mark(InstrumentId id) {
        return Optional.ofNullable(marks.get(id));
    }

    @Override
    public List<Bar> bars(InstrumentId id, int limit) {
        List<Bar> all = bars.getOrDefault(id, List.of());
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public Subscription subscribe(Set<InstrumentId> ids, MarketDataListener listener) {
        return () -> {};
    }
}
