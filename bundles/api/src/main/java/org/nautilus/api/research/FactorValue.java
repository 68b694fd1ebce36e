package org.nautilus.api.research;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;

/**
 * A factor's value for one instrument, known at {@code asOf} (the close of the last bar it used).
 *
 * @param factor     the factor name
 * @param instrument the instrument
 * @param value      the value
 * @param asOf       when the value became known
 * @param bars       the bar series it was computed on (an instrument may have several, e.g. 1 s bars from its
 *                   ticks and daily bars from a replay); {@code null} if not known
 */
public record FactorValue(String factor, InstrumentId instrument, double value, Instant asOf, BarSpec bars) {

    public FactorValue {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** A value whose bar series is not known. */
    public FactorValue(String factor, InstrumentId instrument, double value, Instant asOf) {
        this(factor, instrument, value, asOf, null);
    }
}
