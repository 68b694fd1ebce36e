package org.nautilus.research.internal.features;

import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;

/**
 * One bar series of one instrument: factors follow each series on its own (an instrument may have 1 s bars from
 * its ticks and daily bars from a replay; mixing them in one window would be meaningless).
 */
record SeriesKey(InstrumentId instrument, BarSpec spec) {

    SeriesKey {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(spec, "spec");
    }
}
