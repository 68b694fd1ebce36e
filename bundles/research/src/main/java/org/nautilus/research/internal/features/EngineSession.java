package org.nautilus.research.internal.features;

import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorSession;

/**
 * A {@link FactorSession} on a feature engine of its own ({@link FeatureEngine#fresh()}), fed and read by its owner's
 * thread, which is the engine's one writer.
 */
public final class EngineSession extends EngineQueries implements FactorSession {

    public EngineSession(FeatureEngine engine) {
        super(engine);
    }

    @Override
    public void onBar(BarSpec spec, Bar bar) {
        engine.onBar(spec, bar);
    }

    @Override
    public void close() {
        // Nothing outside the engine refers to it: dropping the session frees everything.
    }
}
