package org.nautilus.research.internal.features;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes every registered factor on every instrument as bars close, keeping a bounded window of recent bars
 * per instrument, the latest value and a bounded history per factor and instrument.
 *
 * <p>Threading: {@link #register}, {@link #unregister} and the queries are safe from any thread; every other
 * method mutates the bar windows and must be called from one writer thread. The queries show only values of
 * factors registered right now, so a factor that is unregistered disappears at once, before the writer has
 * purged its values.
 */
public final class FeatureEngine {

    /** Where the engine finds the bars an instrument already had before the engine saw it. */
    @FunctionalInterface
    public interface BarHistory {
        /** Closed bars, oldest first, at most {@code limit} of the most recent. */
        List<Bar> bars(InstrumentId instrument, int limit);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FeatureEngine.class);

    private final BarHistory barHistory;
    private final Map<String, Factor> factors = new ConcurrentHashMap<>();
    private final Map<Key, Series> values = new ConcurrentHashMap<>();
    private final AtomicLong staleBars = new AtomicLong();
    private volatile int window;
    private volatile int historySize;

    // Writer-thread state.
    private final Map<InstrumentId, ArrayDeque<Bar>> windows = new HashMap<>();
    private final Set<Factor> failing = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * @param barHistory  the bars an instrument had before the engine's first bar of it
     * @param window      bars given to each factor (at least its lookback)
     * @param historySize values kept per factor and instrument
     */
    public FeatureEngine(BarHistory barHistory, int window, int historySize) {
        this.barHistory = barHistory;
        configure(window, historySize);
    }

    /** Changes the window and history sizes (writer thread); smaller sizes apply from the next bar. */
    public void configure(int window, int historySize) {
        if (window < 1 || historySize < 1) {
            throw new IllegalArgumentException("bars.window and history.size must be at least 1, got "
                    + window + " and " + historySize);
        }
        this.window = window;
        this.historySize = historySize;
    }

    /**
     * Adds a factor (any thread); {@link #computeLatest} then gives it values from the bars already seen. A
     * factor with the name of a registered one replaces it.
     */
    public void register(Factor factor) {
        Factor previous = factors.put(factor.name(), factor);
        if (previous != null && previous != factor) {
            LOG.warn("Factor {} registered twice: the newer one replaces the older", factor.name());
        }
    }

    /** Removes a factor (any thread); its values are hidden at once and purged by {@link #purge}. */
    public boolean unregister(Factor factor) {
        return factors.remove(factor.name(), factor);
    }

    /** Computes a newly registered factor over every instrument's current window (writer thread). */
    public void computeLatest(Factor factor) {
        if (factors.get(factor.name()) != factor) {
            return; // unregistered again before the writer got to it
        }
        windows.forEach((instrument, bars) -> compute(factor, instrument, List.copyOf(bars)));
    }

    /** Forgets the values of an unregistered factor (writer thread). */
    public void purge(Factor factor) {
        values.values().removeIf(series -> series.producer == factor);
        failing.remove(factor);
    }

    /**
     * Loads an instrument's recent bars (writer thread), if the engine has not seen the instrument yet, and
     * computes the factors over them.
     */
    public void backfill(InstrumentId instrument) {
        if (!windows.containsKey(instrument)) {
            window(instrument, null);
            List<Bar> bars = List.copyOf(windows.get(instrument));
            factors.values().forEach(factor -> compute(factor, instrument, bars));
        }
    }

    /**
     * A bar closed (writer thread): appends it to its instrument's window and computes every factor. A bar that
     * does not end after the last one of its instrument (a repeat, or out of order) is ignored.
     */
    public void onBar(Bar bar) {
        ArrayDeque<Bar> bars = window(bar.instrumentId(), bar);
        Bar last = bars.peekLast();
        if (last != null && !bar.end().isAfter(last.end())) {
            staleBars.incrementAndGet();
            return;
        }
        bars.addLast(bar);
        int capacity = FactorWindows.capacity(factors.values(), window);
        while (bars.size() > capacity) {
            bars.removeFirst();
        }
        List<Bar> snapshot = List.copyOf(bars);
        for (Factor factor : factors.values()) {
            compute(factor, bar.instrumentId(), snapshot);
        }
    }

    /** The instrument's window, created from the bar history (bars before {@code first}) if it is new. */
    private ArrayDeque<Bar> window(InstrumentId instrument, Bar first) {
        ArrayDeque<Bar> bars = windows.get(instrument);
        if (bars == null) {
            bars = new ArrayDeque<>();
            int capacity = FactorWindows.capacity(factors.values(), window);
            List<Bar> history;
            try {
                history = barHistory.bars(instrument, capacity);
            } catch (RuntimeException e) {
                LOG.warn("No bar history for {}: {}", instrument, e.toString());
                history = List.of();
            }
            for (Bar bar : history) {
                boolean inOrder = bars.isEmpty() || bar.end().isAfter(bars.peekLast().end());
                if (inOrder && bar.instrumentId().equals(instrument) && (first == null || bar.end().isBefore(first.end()))) {
                    bars.addLast(bar);
                }
            }
            windows.put(instrument, bars);
        }
        return bars;
    }

    private void compute(Factor factor, InstrumentId instrument, List<Bar> bars) {
        if (bars.isEmpty()) {
            return;
        }
        OptionalDouble value = FactorWindows.evaluate(factor, FactorWindows.barsFor(factor, bars, bars.size(), window),
                this::failed);
        if (value.isEmpty()) {
            return;
        }
        Key key = new Key(factor.name(), instrument);
        Series series = values.get(key);
        if (series == null || series.producer != factor) {
            series = new Series(factor);
            values.put(key, series);
        }
        series.add(new FactorValue(factor.name(), instrument, value.getAsDouble(), bars.get(bars.size() - 1).end()),
                historySize);
    }

    private void failed(Factor factor, RuntimeException e) {
        if (failing.add(factor)) {
            LOG.warn("Factor {} failed; it gets no value while it fails (logged once)", factor.name(), e);
        } else {
            LOG.debug("Factor {} failed again: {}", factor.name(), e.toString());
        }
    }

    // ---- queries: any thread ----

    public List<FactorInfo> factors() {
        List<FactorInfo> infos = new ArrayList<>();
        for (Factor factor : factors.values()) {
            infos.add(new FactorInfo(factor.name(), factor.description(), factor.lookback()));
        }
        infos.sort(Comparator.comparing(FactorInfo::name));
        return infos;
    }

    public List<FactorValue> latest() {
        List<FactorValue> latest = new ArrayList<>();
        values.forEach((key, series) -> {
            if (live(key, series) && series.latest != null) {
                latest.add(series.latest);
            }
        });
        latest.sort(Comparator.comparing(FactorValue::factor).thenComparing(FactorValue::instrument));
        return latest;
    }

    public Optional<FactorValue> latest(String factor, InstrumentId instrument) {
        Key key = new Key(factor, instrument);
        Series series = values.get(key);
        return series != null && live(key, series) ? Optional.ofNullable(series.latest) : Optional.empty();
    }

    public List<FactorValue> history(String factor, InstrumentId instrument) {
        Key key = new Key(factor, instrument);
        Series series = values.get(key);
        return series != null && live(key, series) ? series.history() : List.of();
    }

    /** Bars ignored because they did not end after their instrument's last bar. */
    public long staleBars() {
        return staleBars.get();
    }

    private boolean live(Key key, Series series) {
        return factors.get(key.factor) == series.producer;
    }

    private record Key(String factor, InstrumentId instrument) {
    }

    /** One factor's values on one instrument: written by the writer thread, read by any. */
    private static final class Series {
        final Factor producer;
        private final ArrayDeque<FactorValue> history = new ArrayDeque<>();
        volatile FactorValue latest;

        Series(Factor producer) {
            this.producer = producer;
        }

        synchronized void add(FactorValue value, int limit) {
            history.addLast(value);
            while (history.size() > limit) {
                history.removeFirst();
            }
            latest = value;
        }

        synchronized List<FactorValue> history() {
            return List.copyOf(history);
        }
    }
}
