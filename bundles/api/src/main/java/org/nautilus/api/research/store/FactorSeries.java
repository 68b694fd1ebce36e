package org.nautilus.api.research.store;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;

/**
 * Values of several factors on one instrument's bar series, as columns: what a batch computation produces and
 * the store writes in one go.
 *
 * @param instrument the instrument
 * @param bars       the bar series the values were computed on
 * @param times      when each row became known (its bar's end), strictly increasing
 * @param factors    the factor names, unique
 * @param values     {@code values[f][row]}; NaN where a factor has no value (it is not stored)
 */
public record FactorSeries(InstrumentId instrument, BarSpec bars, List<Instant> times, List<String> factors,
        double[][] values) {

    public FactorSeries {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(bars, "bars");
        times = List.copyOf(times);
        factors = List.copyOf(factors);
        if (new HashSet<>(factors).size() != factors.size()) {
            throw new IllegalArgumentException("factor names repeat: " + factors);
        }
        if (values.length != factors.size()) {
            throw new IllegalArgumentException(factors.size() + " factors but " + values.length + " columns");
        }
        for (int f = 0; f < values.length; f++) {
            if (values[f].length != times.size()) {
                throw new IllegalArgumentException("column " + factors.get(f) + " has " + values[f].length
                        + " rows for " + times.size() + " times");
            }
        }
        for (int row = 1; row < times.size(); row++) {
            if (!times.get(row).isAfter(times.get(row - 1))) {
                throw new IllegalArgumentException("times must increase: " + times.get(row) + " after "
                        + times.get(row - 1));
            }
        }
    }

    public int rows() {
        return times.size();
    }
}
