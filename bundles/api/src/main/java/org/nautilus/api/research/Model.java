package org.nautilus.api.research;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A model family (e.g. a Weka random forest), published as an OSGi service with the property
 * {@code model.name=<name>}. The research platform trains it on factor values and serves its predictions.
 */
@ConsumerType
public interface Model {

    /** Service property carrying the model name. */
    String NAME_PROPERTY = "model.name";

    /** Stable name, e.g. {@code weka-random-forest}. */
    String name();

    String description();

    /** Trains on {@code data}, holding part of it out to measure the fit. */
    FittedModel fit(Dataset data);
}
