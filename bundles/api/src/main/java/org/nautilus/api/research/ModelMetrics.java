package org.nautilus.api.research;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a model was trained and how well it fit.
 *
 * @param model        the model name
 * @param library      the library and version that trained it, e.g. {@code weka 3.8.7}
 * @param features     feature names, in input order
 * @param trainingRows rows used to train
 * @param testRows     rows held out to measure
 * @param metrics      named metrics on the held-out rows, e.g. {@code rmse}, {@code mae}, {@code correlation}
 * @param trainedAt    when training finished
 */
public record ModelMetrics(String model, String library, List<String> features, int trainingRows, int testRows,
                           Map<String, Double> metrics, Instant trainedAt) {

    public ModelMetrics {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(library, "library");
        features = List.copyOf(features);
        metrics = Map.copyOf(metrics);
        Objects.requireNonNull(trainedAt, "trainedAt");
    }
}
