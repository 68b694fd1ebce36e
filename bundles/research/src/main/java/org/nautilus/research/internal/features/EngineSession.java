package org.nautilus.research.internal.features;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorSession;
import org.nautilus.api.research.FactorValue;

/**
 * A {@link FactorSession} on a feature engine of its own ({@link FeatureEngine#fresh()}), fed and read by its owner's
 * thread, which is the engine's one writer.
 */
public final class EngineSession implements FactorSession {

    private final FeatureEngine engine;

    public EngineSession(FeatureEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    @Override
    public void onBar(BarSpec spec, Bar bar) {
        engine.onBar(spec, bar);
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
    public Optional<FactorValue> latest(String factor, InstrumentId instrument, BarSpec bars) {
        return engine.latest(factor, instrument, bars);
    }

    @Override
    public List<FactorValue> history(String factor, InstrumentId instrument) {
        return engine.history(factor, instrument);
    }

    @Override
    public List<FactorValue> history(String factor, InstrumentId instrument, BarSpec bars) {
        return engine.history(factor, instrument, bars);
    }

    @Override
    public List<FactorProblem> problems() {
        return engine.problems();
    }

    @Override
    public void close() {
        // Nothing outside the engine refers to it: dropping the session frees everything.
    }
}
