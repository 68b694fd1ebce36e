package org.nautilus.strategy.internal.backtest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.venue.simulated.internal.MarketAccess;

/**
 * The market data gateway of a backtest: instruments, the last quote and the mark of each instrument, and the bars
 * released so far (the backtest loop publishes each bar at its end, never before). The OMS, the risk core, the
 * simulated exchange and the strategy read it; one thread (the loop) writes it.
 */
final class BacktestMarket implements MarketDataService, MarketAccess {

    /** Bars kept per instrument for {@link #bars}: enough for any strategy's look-back. */
    private static final int HISTORY = 1_000;

    private final Map<InstrumentId, Instrument> instruments = new HashMap<>();
    private final Map<InstrumentId, Quote> quotes = new HashMap<>();
    private final Map<InstrumentId, Price> marks = new HashMap<>();
    private final Map<InstrumentId, Deque<Bar>> bars = new HashMap<>();

    @Override
    public void publish(Quote quote) {
        quotes.put(quote.instrumentId(), quote);
    }

    @Override
    public void publish(Trade trade) {
        marks.put(trade.instrumentId(), trade.price());
    }

    @Override
    public void publish(Bar bar) {
        Deque<Bar> history = bars.computeIfAbsent(bar.instrumentId(), k -> new ArrayDeque<>());
        if (history.size() == HISTORY) {
            history.removeFirst();
        }
        history.addLast(bar);
        marks.put(bar.instrumentId(), bar.close());
    }

    /** The mark is the data's own price (a bar's open or close, a trade, a quote's mid), not a synthetic quote's. */
    void mark(InstrumentId instrument, Price price) {
        marks.put(instrument, price);
    }

    @Override
    public Collection<Instrument> instruments() {
        return List.copyOf(instruments.values());
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
        Deque<Bar> history = bars.get(id);
        if (history == null || limit <= 0) {
            return List.of();
        }
        List<Bar> all = new ArrayList<>(history);
        return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    @Override
    public Subscription subscribe(Set<InstrumentId> ids, MarketDataListener listener) {
        throw new UnsupportedOperationException("a backtest delivers its data from its own loop");
    }
}
