package org.nautilus.api.research.fundamental;

import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.store.TimeRange;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Computes the fundamental factors on an instrument's stored bars from its stored fundamentals, as known at each
 * bar's end, and writes them into the factor store, where they are read like any factor ("as of" a moment, as a
 * cross-section).
 */
@ProviderType
public interface FundamentalFactors {

    /** The factor names, e.g. {@code PE}, {@code PB}, {@code EARNINGS_YIELD}, {@code ROE}, {@code SALES_GROWTH}. */
    List<String> factors();

    /**
     * Computes and stores the factors on the bars of {@code spec} ending in {@code range}, replacing what the store
     * had for them there.
     *
     * @return values written (a bar without enough fundamentals known gets none)
     * @throws IllegalArgumentException if the store has no such bars or no fundamentals of the instrument
     */
    long backfill(InstrumentId instrument, BarSpec spec, TimeRange range);
}
