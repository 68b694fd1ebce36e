package org.nautilus.api.research.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The point-in-time store of bars, factor values and fundamentals.
 *
 * <p>Writes replace: writing an instrument's bars or a set of factors' values for a time range first removes what
 * the store had for them in that range, so running a backfill again for a range gives the same store. A reader
 * never sees half of a write of one partition (an instrument's slice of time).
 *
 * <p>Bad input (an unknown factor, instrument or field, an inverted range) is refused with an {@link
 * IllegalArgumentException} saying what is wrong; a storage failure is a {@link FactorStoreException}.
 */
@ProviderType
public interface FactorStore {

    /**
     * Replaces an instrument's bars of one series in {@code range} with {@code bars}.
     *
     * @param bars oldest first, all of {@code instrument}, ending inside {@code range}
     * @return bars written
     */
    int replaceBars(InstrumentId instrument, BarSpec spec, TimeRange range, List<Bar> bars);

    /**
     * Replaces the values of the series' factors on its instrument and bar series in {@code range} with the
     * series' finite values (NaN means no value, as in the live engine).
     *
     * @param range contains every time of the series
     * @return values written
     */
    long replaceValues(FactorSeries series, TimeRange range);

    /**
     * Adds fundamentals (restatements included); a row equal in instrument, field, period end and published time
     * to a stored one replaces it, so loading a file twice stores it once.
     *
     * @return rows written
     */
    int writeFundamentals(List<Fundamental> rows);

    /** Instruments with bars, values or fundamentals, sorted. */
    List<InstrumentId> instruments();

    /** Factor names with stored values, sorted. */
    List<String> factors();

    /**
     * The bar series the store holds bars of for an instrument (e.g. daily bars the data connectors loaded), sorted;
     * empty if it holds none.
     *
     * @since 1.2
     */
    List<BarSpec> barSpecs(InstrumentId instrument);

    /**
     * How many fundamentals writes this store object has taken since it opened: a reader that keeps an
     * instrument's fundamentals reads them again when it changes. (Writes of other processes to a shared directory
     * are not counted.)
     *
     * @since 1.2
     */
    long fundamentalsWritten();

    /** An instrument's bars of one series ending in {@code range}, oldest first. */
    List<Bar> bars(InstrumentId instrument, BarSpec spec, TimeRange range);

    /**
     * A factor's values on the instruments (every one with values if empty) known in {@code range} and by {@code
     * asOf}, by instrument then time.
     *
     * @param spec the bar series, or {@code null} for all
     * @throws IllegalArgumentException if the store has no such factor or instrument
     */
    List<FactorValue> history(String factor, Collection<InstrumentId> instruments, BarSpec spec, TimeRange range,
            Instant asOf);

    /**
     * A cross-section: for each instrument, the factor's latest value known at {@code asOf} (it carries its own
     * time, so a stale one shows), by instrument.
     *
     * @param spec the bar series, or {@code null} for all (each instrument's latest of any series)
     * @throws IllegalArgumentException if the store has no such factor
     */
    List<FactorValue> crossSection(String factor, BarSpec spec, Instant asOf);

    /**
     * What was known of an instrument's fundamentals at {@code asOf}: for each field and period, the latest
     * revision published by then; by field, then period.
     *
     * @throws IllegalArgumentException if the store has no fundamentals for the instrument
     */
    List<Fundamental> fundamentals(InstrumentId instrument, Instant asOf);

    /**
     * Every stored row of an instrument's fundamentals, restatements included (the whole bitemporal history), by
     * published time, then field, then period; for computations that replay what became known when.
     *
     * @throws IllegalArgumentException if the store has no fundamentals for the instrument
     * @since 1.1
     */
    List<Fundamental> fundamentalHistory(InstrumentId instrument);

    /**
     * A fundamental field on each stored bar of the instruments' series in {@code range}: the value known at the
     * bar's end (the latest period published by then, in its latest revision by then), as a {@link FactorValue}
     * named after the field at the bar's end. Bars before the first publication have none. A point-in-time join
     * (DuckDB's {@code ASOF JOIN}).
     *
     * @throws IllegalArgumentException if the store has no such field or instrument
     */
    List<FactorValue> fundamentalOnBars(String field, Collection<InstrumentId> instruments, BarSpec spec,
            TimeRange range);

    /** Where the store keeps its files (a directory several processes can read), for people. */
    String location();
}
