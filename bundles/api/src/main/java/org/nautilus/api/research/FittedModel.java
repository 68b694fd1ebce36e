package org.nautilus.api.research;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A fitted model: predicts the target from rows of features in the order of {@link #features()}. Thread-safe.
 *
 * @since 2.0
 */
@ConsumerType
public interface FittedModel {

    /** The family that fitted it ({@link Model#family()}). */
    String family();

    /** The feature names, in input order. */
    List<String> features();

    /**
     * The prediction for one row.
     *
     * @throws IllegalArgumentException if the row does not have one value per feature
     */
    double predict(double[] row);

    /** Predictions for many rows, in order; equal bit for bit to {@link #predict(double[])} row by row. */
    default double[] predict(double[][] rows) {
        double[] predictions = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            predictions[i] = predict(rows[i]);
        }
        return predictions;
    }

    /** Writes the artifact {@link Model#load} reads back. */
    void save(OutputStream out) throws IOException;

    /**
     * The family's own feature importance (e.g. total split gain), by feature name; empty if the family has none.
     */
    default Map<String, Double> importance() {
        return Map.of();
    }
}
