package org.nautilus.strategy.internal.backtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.api.routes.MarketDataFiles;

/**
 * A backtest's data from the factor store, read as the data files are ({@link MarketDataFiles.Reader}), so the
 * {@link MergedFeed} merges them in time order with the files: an instrument's stored bars of one series, and the
 * stored values of factors, each at the time it became known ({@link FactorValue#asOf()}).
 *
 * <p>A query answers a whole range at once (DuckDB reads the Parquet files of the range): both readers hold their
 * rows in memory, what a year of daily or minute bars of one instrument comes to.
 */
final class StoreData {

    private StoreData() {
    }

    /**
     * The stored bars of {@code series} of {@code instrument} ending by {@code to} ({@code null}: all), oldest first.
     *
     * @throws IllegalArgumentException if the store holds no such bars, saying which series it has
     */
    static MarketDataFiles.Reader bars(FactorStore store, InstrumentId instrument, BarSpec series, Instant to) {
        List<Bar> bars = store.bars(instrument, series, range(to));
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("the factor store (" + store.location() + ") has no " + series
                    + " bars of " + instrument + "; its series of " + instrument + ": " + store.barSpecs(instrument));
        }
        return reader(bars);
    }

    /**
     * The stored values of {@code factors} on {@code instruments} known by {@code to} ({@code null}: all), in the
     * order they became known (then by factor as listed, then by instrument): a total order, so runs repeat.
     *
     * @throws IllegalArgumentException for a factor the store has no values of, naming the ones it has
     */
    static MarketDataFiles.Reader factorValues(FactorStore store, List<String> factors,
            Set<InstrumentId> instruments, Instant to) {
        TimeRange range = range(to);
        List<FactorValue> values = new ArrayList<>();
        for (String factor : factors) {
            if (!store.factors().contains(factor)) {
                throw new IllegalArgumentException("store.factors: the factor store has no values of '" + factor
                        + "'; it has " + store.factors());
            }
            for (FactorValue value : store.history(factor, List.of(), null, range, range.to())) {
                if (instruments.contains(value.instrument())) {
                    values.add(value);
                }
            }
        }
        values.sort(Comparator.comparing(FactorValue::asOf)
                .thenComparingInt(v -> factors.indexOf(v.factor()))
                .thenComparing(v -> v.instrument().value())
                .thenComparing(v -> String.valueOf(v.bars())));
        return reader(values);
    }

    private static TimeRange range(Instant to) {
        return to == null ? TimeRange.ALL : new TimeRange(TimeRange.ALL.from(), to);
    }

    private static MarketDataFiles.Reader reader(List<?> rows) {
        Iterator<?> it = rows.iterator();
        return new MarketDataFiles.Reader() {
            @Override
            public Object next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
                // Nothing open: the rows were read at once.
            }
        };
    }
}
