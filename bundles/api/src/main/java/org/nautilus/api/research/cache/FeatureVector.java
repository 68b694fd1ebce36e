package org.nautilus.api.research.cache;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;

/**
 * Every factor value of one library on one bar series of an instrument after one bar: the row a model scores.
 *
 * @param instrument the instrument
 * @param bars       the bar series (the instrument's daily bars, its 1 s bars, ...)
 * @param library    the factor library that computed it
 * @param program    digest of the library's compiled program (the same definitions give the same digest)
 * @param asOf       end of the bar the values are computed on
 * @param names      the factors, in the library's order
 * @param values     one value per name; NaN where a factor has none (warming up, undefined)
 */
public record FeatureVector(InstrumentId instrument, BarSpec bars, String library, String program, Instant asOf,
        List<String> names, double[] values) {

    public FeatureVector {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(asOf, "asOf");
        names = List.copyOf(names);
        if (values.length != names.size()) {
            throw new IllegalArgumentException("a feature vector of " + library + " has " + names.size()
                    + " names and " + values.length + " values");
        }
    }

    /** The value of a factor, or NaN if the vector has no such factor. */
    public double value(String factor) {
        int i = names.indexOf(factor);
        return i < 0 ? Double.NaN : values[i];
    }

    /** A copy of the values (the record's array is not defensively copied on each read: do not write it). */
    public double[] valuesCopy() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector v && instrument.equals(v.instrument) && bars.equals(v.bars)
                && library.equals(v.library) && program.equals(v.program) && asOf.equals(v.asOf)
                && names.equals(v.names) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(instrument, bars, library, asOf);
    }

    @Override
    public String toString() {
        return "FeatureVector[" + library + " " + instrument + " " + bars + " " + asOf + ", " + names.size()
                + " values]";
    }
}
