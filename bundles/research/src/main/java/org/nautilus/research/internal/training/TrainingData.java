package org.nautilus.research.internal.training;

import org.nautilus.api.research.Dataset;

/**
 * What the models are trained on this time: a dataset, or the status and reason why there is none.
 *
 * @param dataset the dataset, or {@code null}
 * @param status  {@link ModelRegistry#WAITING_FOR_DATA} or {@link ModelRegistry#FAILED} when there is no dataset
 * @param detail  why there is no dataset, or where the dataset came from
 */
public record TrainingData(Dataset dataset, String status, String detail) {

    public static TrainingData of(Dataset dataset, String source) {
        return new TrainingData(dataset, null, source);
    }

    public static TrainingData waiting(String detail) {
        return new TrainingData(null, ModelRegistry.WAITING_FOR_DATA, detail);
    }

    public static TrainingData failed(String detail) {
        return new TrainingData(null, ModelRegistry.FAILED, detail);
    }
}
