package org.nautilus.api.research;

import org.osgi.annotation.versioning.ConsumerType;

/** A trained model: predicts the target from one row of features. Thread-safe. */
@ConsumerType
public interface FittedModel {

    /** The prediction for {@code features}, in the order of the training set's feature names. */
    double predict(double[] features);

    ModelMetrics metrics();
}
