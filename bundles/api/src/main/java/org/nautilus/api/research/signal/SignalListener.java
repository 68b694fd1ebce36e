package org.nautilus.api.research.signal;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives model signals: register it as an OSGi service (whiteboard). Optional service properties narrow what it
 * gets: {@value #MODEL_PROPERTY} (a registered model name) and {@value #SHADOW_PROPERTY} ({@code true} to also
 * get challengers scoring in shadow; default champion-like aliases only).
 *
 * <p>Called on the serving thread: return quickly (hand work off to your own thread).
 */
@ConsumerType
public interface SignalListener {

    String MODEL_PROPERTY = "signal.model";
    String SHADOW_PROPERTY = "signal.shadow";

    void onSignals(SignalBatch batch);
}
