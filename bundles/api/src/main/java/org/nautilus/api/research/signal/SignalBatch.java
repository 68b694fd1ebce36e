package org.nautilus.api.research.signal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * The signals one served model version published for one bar close: never a mix of versions (a promotion takes
 * effect between batches).
 *
 * @param model   the registered model's name
 * @param version the version every signal of the batch comes from
 * @param alias   the alias it is served under
 * @param shadow  {@code true} for a challenger scoring beside the champion (strategies normally trade the
 *                champion only)
 * @param time    the bar close
 * @param signals one per instrument that had every feature
 * @param missing the instruments of the served universe with no signal in this batch (their bar had not come
 *                within the serving grace, or a feature had no value), in instrument order; empty when the whole
 *                universe was scored
 */
public record SignalBatch(String model, int version, String alias, boolean shadow, Instant time, List<Signal> signals,
        List<InstrumentId> missing) {

    public SignalBatch {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(time, "time");
        signals = List.copyOf(signals);
        missing = List.copyOf(missing);
    }

    /** A batch that names no missing instrument (a backtest, a single series). */
    public SignalBatch(String model, int version, String alias, boolean shadow, Instant time, List<Signal> signals) {
        this(model, version, alias, shadow, time, signals, List.of());
    }
}
