package org.nautilus.api.marketdata;

import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told each time an instrument's mark ({@link MarketDataService#mark}) changes, synchronously, on the thread that
 * published the data, before the publish returns and in the order the marks of that instrument changed. For
 * consumers that keep running values at the marks (the risk engine's portfolio valuation): they stay equal to a
 * valuation read at the same moment. It runs on the feed's path, so it must be short, must not block and must not
 * publish market data.
 *
 * @since 1.3
 */
@ConsumerType
@FunctionalInterface
public interface MarkListener {

    /** The instrument's mark is now {@code mark}. */
    void onMark(InstrumentId instrument, Price mark);
}
