package org.nautilus.research.internal.features;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorSession;
import org.nautilus.api.research.FactorValue;

/**
 * {@link FactorService} answered by a feature engine: the platform's service and a backtest's session (whose own
 * {@link #session()} is again a fresh engine with the same definitions).
 */
abstract class EngineQueries implements FactorService {

    protected final FeatureEngine engine;

    EngineQueries(FeatureEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public List<FactorInfo> factors() {
        return engine.factors();
    }

    @Override
    public List<FactorValue> latest() {
        return engine.latest();
    }

    @Override
    public Optional<FactorValue> latest(String factor, InstrumentId instrument) {
        return engine.latest(factor, instrument);
    }

    @Override
    public List<FactorValue> history(String factor, InstrumentId instrument) {
        return engine.history(factor, instrument);
    }

    @Override
    public Optional<FactorValue> latest(String factor, InstrumentId instrument, BarSpec bars) {
        return engine.latest(factor, instrument, bars);
    }

    @Override
    public List<FactorValue> history(String factor, InstrumentId instrument, BarSpec bars) {
        return engine.history(factor, instrument, bars);
    }

    @Override
    public List<FactorProblem> problems() {
        return engine.problems();
    }

    /** A private engine with this one's factors, none of its values (see {@link FactorSession}). */
    @Override
    public FactorSession session() {
        return new EngineSession(engine.fresh());
    }
}
