package org.nautilus.research.internal.training;

import java.util.Optional;
import org.nautilus.api.research.Dataset;

/**
 * The outcome of building a training set: a dataset, or why there is none (too few bars, no factors, ...).
 *
 * @param dataset   the dataset if one could be built
 * @param shortfall why not, otherwise {@code null}
 */
public record TrainingSet(Optional<Dataset> dataset, String shortfall) {

    static TrainingSet of(Dataset dataset) {
        return new TrainingSet(Optional.of(dataset), null);
    }

    static TrainingSet none(String shortfall) {
        return new TrainingSet(Optional.empty(), shortfall);
    }
}
