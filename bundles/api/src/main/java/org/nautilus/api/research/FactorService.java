package org.nautilus.api.research;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The feature engine: computes every registered factor (the {@link Factor} plugins and the definitions of the
 * {@link org.nautilus.api.research.expression.FactorLibrary} services) on every instrument's bar series as bars
 * close.
 */
@ProviderType
public interface FactorService {

    /** Registered factors with their descriptions. */
    List<FactorInfo> factors();

    /** The latest value of every factor on every instrument and bar series. */
    List<FactorValue> latest();

    /** The newest value of a factor on an instrument, from whichever of its bar series closed last. */
    Optional<FactorValue> latest(String factor, InstrumentId instrument);

    /**
     * The newest value of a factor on one bar series of an instrument (what a model trained on that series reads).
     *
     * @since 2.0
     */
    default Optional<FactorValue> latest(String factor, InstrumentId instrument, BarSpec bars) {
        List<FactorValue> history = history(factor, instrument, bars);
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    /** The history of one factor on one instrument, oldest first: of the series {@link #latest(String, InstrumentId)} reads. */
    List<FactorValue> history(String factor, InstrumentId instrument);

    /**
     * The history of one factor on one bar series of an instrument, oldest first.
     *
     * @since 1.1
     */
    default List<FactorValue> history(String factor, InstrumentId instrument, BarSpec bars) {
        return history(factor, instrument).stream().filter(v -> bars.equals(v.bars())).toList();
    }

    /**
     * The library definitions refused (a syntax error, an unknown name, a cycle, a name already taken), which
     * compute nothing while the rest of their library does.
     *
     * @since 1.1
     */
    default List<FactorProblem> problems() {
        return List.of();
    }

    /**
     * A private engine with the factors registered now, computing only over the bars its caller feeds it (a backtest,
     * on its simulated clock): the same definitions and kernels as this service, none of its values.
     *
     * @throws UnsupportedOperationException if this implementation cannot make one
     * @since 2.1
     */
    default FactorSession session() {
        throw new UnsupportedOperationException(getClass().getName() + " makes no private factor sessions");
    }
}
