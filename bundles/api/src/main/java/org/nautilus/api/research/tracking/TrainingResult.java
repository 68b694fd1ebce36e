package org.nautilus.api.research.tracking;

import java.util.Objects;

/**
 * @param run     the finished run (its folds are its child runs)
 * @param version the version registered from it, {@code null} if the spec does not register
 */
public record TrainingResult(Run run, ModelVersion version) {

    public TrainingResult {
        Objects.requireNonNull(run, "run");
    }
}
