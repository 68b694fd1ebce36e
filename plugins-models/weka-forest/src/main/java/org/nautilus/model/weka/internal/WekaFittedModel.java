package org.nautilus.model.weka.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.ModelMetrics;
import weka.classifiers.Classifier;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

/** A trained Weka regressor with the data header it was trained on and its hold-out metrics. */
public final class WekaFittedModel implements FittedModel {

    private final Instances header;
    private final Classifier classifier;
    private final ModelMetrics metrics;

    WekaFittedModel(Instances header, Classifier classifier, ModelMetrics metrics) {
        this.header = new Instances(header, 0);
        this.classifier = classifier;
        this.metrics = metrics;
    }

    /**
     * @throws IllegalArgumentException if {@code features} does not have one value per training feature
     */
    @Override
    public double predict(double[] features) {
        int count = header.numAttributes() - 1;
        if (features.length != count) {
            throw new IllegalArgumentException(metrics.model() + " takes " + count + " features " + metrics.features()
                    + ", got " + features.length);
        }
        double[] values = new double[count + 1];
        System.arraycopy(features, 0, values, 0, count);
        values[count] = Utils.missingValue();
        // Weka classifiers are not documented as thread-safe for prediction: one prediction at a time.
        synchronized (this) {
            DenseInstance instance = new DenseInstance(1.0, values);
            instance.setDataset(header);
            try {
                return classifier.classifyInstance(instance);
            } catch (Exception e) {
                throw new IllegalStateException(metrics.model() + ": Weka failed to predict: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public ModelMetrics metrics() {
        return metrics;
    }

    /** Saves the model with Weka's serialization, preceded by the Weka version that trained it. */
    public synchronized void writeTo(OutputStream out) throws IOException {
        try {
            SerializationHelper.writeAll(out, new Object[] {metrics.library(), header, classifier, metrics.model(),
                    new ArrayList<>(metrics.features()), metrics.trainingRows(), metrics.testRows(),
                    new HashMap<>(metrics.metrics()), metrics.trainedAt()});
        } catch (Exception e) {
            throw new IOException("cannot save model " + metrics.model() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model saved by {@link #writeTo}.
     *
     * @throws IOException if the data is not such a model or was written by another Weka version (Weka does
     *                     not promise that its serialized classifiers survive a version change)
     */
    @SuppressWarnings("unchecked")
    public static WekaFittedModel readFrom(InputStream in) throws IOException {
        WekaRuntime.init();
        Object[] parts;
        try {
            parts = SerializationHelper.readAll(in);
        } catch (Exception e) {
            throw new IOException("not a saved Weka model: " + e.getMessage(), e);
        }
        if (parts.length != 9 || !(parts[0] instanceof String library)) {
            throw new IOException("not a saved Weka model: " + parts.length + " parts");
        }
        if (!library.equals(WekaRuntime.LIBRARY)) {
            throw new IOException("model was trained with " + library + ", this is " + WekaRuntime.LIBRARY
                    + ": retrain it");
        }
        ModelMetrics metrics = new ModelMetrics((String) parts[3], library, (List<String>) parts[4],
                (Integer) parts[5], (Integer) parts[6], (HashMap<String, Double>) parts[7], (Instant) parts[8]);
        return new WekaFittedModel((Instances) parts[1], (Classifier) parts[2], metrics);
    }
}
