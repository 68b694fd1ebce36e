package org.nautilus.strategy.internal.backtest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The market data gateway of a backtest: instruments, the last quote and the mark of each instrument, and the bars
 * released so far (the backtest loop publishes each bar at its end, never before). The OMS, the risk core, the
 * simulated exchange and the strategy read it; one thread (the loop) writes it.
 */
final class BacktestMarket implements MarketDataService, MarketAccess {

    /** Bars kept per instrument for {@link #bars}: enough for any strategy's look-back. */
    private static final int HISTORY = 1_000;

    /**
     * Everything known of one instrument, found with one lookup. The risk core values every position of the portfolio
     * on each order (the instrument and the mark of each), so the answers are kept as the {@code Optional}s the
     * readers receive, made when the value changes (by the loop's thread: a reader never writes here).
     */
    private static final class Slot {
        Optional<Instrument> instrument = Optional.empty();
        Optional<Quote> quote = Optional.empty();
        Optional<Price> mark = Optional.empty();
        Deque<Bar> bars;
    }

    private final Map<InstrumentId, Slot> slots = new HashMap<>();
    /** The instruments in the order they were defined (for {@link #instruments()}). */
    private final Map<InstrumentId, Instrument> defined = new LinkedHashMap<>();
    /** The risk engine's running valuation (one listener in a backtest; told on the loop's thread). */
    private MarkListener[] markListeners = new MarkListener[0];

    private Slot slot(InstrumentId id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            slot = new Slot();
            slots.put(id, slot);
        }
        return slot;
    }

    @Override
    public void publish(Quote quote) {
        slot(quote.instrumentId()).quote = Optional.of(quote);
    }

    @Override
    public void publish(Trade trade) {
        mark(trade.instrumentId(), trade.price());
    }

    @Override
    public void publish(Bar bar) {
        Slot slot = slot(bar.instrumentId());
        if (slot.bars == null) {
            slot.bars = new ArrayDeque<>();
        }
        if (slot.bars.size() == HISTORY) {
            slot.bars.removeFirst();
        }
        slot.bars.addLast(bar);
        setMark(bar.instrumentId(), slot, bar.close());
    }

    /** The mark is the data's own price (a bar's open or close, a trade, a quote's mid), not a synthetic quote's. */
    void mark(InstrumentId instrument, Price price) {
        setMark(instrument, slot(instrument), price);
    }

    private void setMark(InstrumentId instrument, Slot slot, Price price) {
        Optional<Price> current = slot.mark;
        if (current.isPresent() && current.get().equals(price)) {
            return;
        }
        slot.mark = Optional.of(price);
        for (MarkListener listener : markListeners) {
            listener.onMark(instrument, price);
        }
    }

    @Override
    public Subscription subscribeMarks(MarkListener listener) {
        MarkListener[] next = Arrays.copyOf(markListeners, markListeners.length + 1);
        next[markListeners.length] = listener;
        markListeners = next;
        return () -> markListeners = Arrays.stream(markListeners).filter(l -> l != listener)
                .toArray(MarkListener[]::new);
    }

    @Override
    public Collection<Instrument> instruments() {
        return List.copyOf(defined.values());
    }

    @Override
    public Optional<Instrument> instrument(InstrumentId id) {
        Slot slot = slots.get(id);
        return slot == null ? Optional.empty() : slot.instrument;
    }

    @Override
    public void define(Instrument instrument) {
        slot(instrument.id()).instrument = Optional.of(instrument);
        defined.put(instrument.id(), instrument);
    }

    @Override
    public Optional<Quote> lastQuote(InstrumentId id) {
        Slot slot = slots.get(id);
        return slot == null ? Optional.empty() : slot.quote;
    }

    @Override
    public Optional<Price> mark(InstrumentId id) {
        Slot slot = slots.get(id);
        return slot == null ? Optional.empty() : slot.mark;
    }

    @Override
    public List<Bar> bars(InstrumentId id, int limit) {
        Slot slot = slots.get(id);
        Deque<Bar> history = slot == null ? null : slot.bars;
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
