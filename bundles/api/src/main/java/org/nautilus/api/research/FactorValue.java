package org.nautilus.api.research;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * A factor's value for one instrument, known at {@code asOf} (the close of the last bar it used).
 *
 * @param factor     the factor name
 * @param instrument the instrument
 * @param value      the value
 * @param asOf       when the value became known
 */
public record FactorValue(String factor, InstrumentId instrument, double value, Instant asOf) {

    public FactorValue {
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(asOf, "asOf");
    }
}
