package org.nautilus.benchmarks.risk;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;

/** The market data gateway reduced to what the risk check reads: instruments and marks in concurrent maps. */
final class InMemoryMarket implements MarketDataService {

    private final Map<InstrumentId, Instrument> instruments = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Optional<Price>> marks = new ConcurrentHashMap<>();

    @Override
    public void publish(Quote quote) {
        marks.put(quote.instrumentId(), Optional.of(quote.mid()));
    }

    @Override
    public void publish(Trade trade) {
        marks.put(trade.instrumentId(), Optional.of(trade.price()));
    }

    @Override
    public Collection<Instrument> instruments() {
        return instruments.values();
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        Instrument i = instruments.get(id);
        return i == null ? Optional.empty() : Optional.of(i);
    }

    @Override
    public void define(Instrument instrument) {
        instruments.put(instrument.id(), instrument);
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId id) {
        return Optional.empty();
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
        return () -> { };
    }
}
