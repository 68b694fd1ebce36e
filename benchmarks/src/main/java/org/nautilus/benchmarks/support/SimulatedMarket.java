package org.nautilus.benchmarks.support;

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
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarkListener;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.venue.simulated.internal.MarketAccess;

/**
 * The market data gateway reduced to what the trading path reads: instruments, last quotes and marks (mid of
 * the last quote, or the last trade) in concurrent maps. Serves the OMS, the risk core and the venues of the
 * benchmarks.
 */
public final class SimulatedMarket implements MarketDataService, MarketAccess {

    private final Map<InstrumentId, Optional<Instrument>> instruments = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Optional<Quote>> quotes = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Optional<Price>> marks = new ConcurrentHashMap<>();
    private final List<MarkListener> markListeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Quote quote) {
        quotes.put(quote.instrumentId(), Optional.of(quote));
        mark(quote.instrumentId(), quote.mid());
    }

    @Override
    public void publish(Trade trade) {
        mark(trade.instrumentId(), trade.price());
    }

    private void mark(InstrumentId id, Price price) {
        Optional<Price> previous = marks.put(id, Optional.of(price));
        if (previous == null || !previous.equals(Optional.of(price))) {
            for (MarkListener listener : markListeners) {
                listener.onMark(id, price);
            }
        }
    }

    /** The risk engine's running valuation follows the marks, as on the gateway. */
    @Override
    public Subscription subscribeMarks(MarkListener listener) {
        markListeners.add(listener);
        return () -> markListeners.remove(listener);
    }

    @Override
    public Collection<Instrument> instruments() {
        return instruments.values().stream().map(Optional::orElseThrow).toList();
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        return instruments.getOrDefault(id, Optional.empty());
    }

    @Override
    public void define(Instrument instrument) {
        instruments.put(instrument.id(), Optional.of(instrument));
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId id) {
        return quotes.getOrDefault(id, Optional.empty());
    }

    @Override
    public Optional<Price> mark(InstrumentId id) {
        return marks.getOrDefault(id, Optional.empty());
    }

    @Override
    public List<Bar> bars(InstrumentId id, int limit) {
        return List.of();
    }

    @Override
    public Subscription subscribe(Set<InstrumentId> ids, MarketDataListener listener) {
        return () -> {};
    }
}
