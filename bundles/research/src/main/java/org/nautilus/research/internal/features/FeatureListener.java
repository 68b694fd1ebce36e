package org.nautilus.research.internal.features;

import java.time.Instant;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;

/**
 * Told by the feature engine, on its writer thread, that a closed bar's factor values are published (a service
 * private to this bundle: model serving registers one). Return at once: hand work to another thread.
 */
public interface FeatureListener {

    void featuresComputed(InstrumentId instrument, BarSpec bars, Instant end);
}
