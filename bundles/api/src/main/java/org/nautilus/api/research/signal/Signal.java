package org.nautilus.api.research.signal;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * One model prediction for one instrument, published when a bar closes.
 *
 * @param instrument the instrument
 * @param model      the registered model's name
 * @param version    the registered version that predicted it
 * @param alias      the alias it was served under ({@code champion}, {@code challenger}, ...)
 * @param value      the prediction (the model's target, e.g. the forward return)
 * @param time       when the features it used became known (the bar's close)
 */
public record Signal(InstrumentId instrument, String model, int version, String alias, double value, Instant time) {

    public Signal {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(time, "time");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, got " + version);
        }
    }
}
