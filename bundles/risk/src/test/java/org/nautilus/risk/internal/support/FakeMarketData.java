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
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;

/** An in-memory market data gateway: instruments, marks and bars a test sets. */
public final class FakeMarketData implements MarketDataService {

    private final Map<InstrumentId, Instrument> instruments = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Price> marks = new ConcurrentHashMap<>();
    private final Map<InstrumentId, List<Bar>> bars = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Quote> quotes = new ConcurrentHashMap<>();

    public void mark(String symbol, String price) {
        marks.put(InstrumentId.of(symbol), Price.of(price));
    }

    public void clearMark(String symbol) {
        marks.remove(InstrumentId.of(symbol));
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
        marks.put(quote.instrumentId(), quote.mid());
    }

    @Override
    public void publish(Trade trade) {
        marks.put(trade.instrumentId(), trade.price());
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
