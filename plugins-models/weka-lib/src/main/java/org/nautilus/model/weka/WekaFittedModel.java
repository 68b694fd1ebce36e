package org.nautilus.model.weka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nautilus.api.research.FittedModel;
import weka.classifiers.Classifier;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.Utils;

/**
 * A trained Weka model with the data header it was trained on. A numeric class predicts the value; a nominal
 * class {@code {down, up}} predicts the probability of its second value (up).
 */
final class WekaFittedModel implements FittedModel {

    private final String family;
    private final Instances header;
    private final Classifier classifier;
    private final List<String> features;
    private final Map<String, Double> importance;

    WekaFittedModel(String family, Instances header, Classifier classifier, double[] importance) {
        this.family = family;
        this.header = new Instances(header, 0);
        this.classifier = classifier;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.numAttributes() - 1; i++) {
            names.add(header.attribute(i).name());
        }
        this.features = List.copyOf(names);
        Map<String, Double> byName = new LinkedHashMap<>();
        if (importance != null) {
            for (int i = 0; i < names.size() && i < importance.length; i++) {
                byName.put(names.get(i), importance[i]);
            }
        }
        this.importance = Collections.unmodifiableMap(byName);
    }

    @Override
    public String family() {
        return family;
    }

    @Override
    public List<String> features() {
        return features;
    }

    @Override
    public double predict(double[] row) {
        int count = features.size();
        if (row.length != count) {
            throw new IllegalArgumentException(family + " takes " + count + " features " + features + ", got "
                    + row.length);
        }
        double[] values = new double[count + 1];
        System.arraycopy(row, 0, values, 0, count);
        values[count] = Utils.missingValue();
        // Weka classifiers are not documented as thread-safe for prediction: one prediction at a time.
        synchronized (this) {
            DenseInstance instance = new DenseInstance(1.0, values);
            instance.setDataset(header);
            try {
                return header.classAttribute().isNominal()
                        ? classifier.distributionForInstance(instance)[1]
                        : classifier.classifyInstance(instance);
            } catch (Exception e) {
                throw new IllegalStateException(family + ": Weka failed to predict: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Map<String, Double> importance() {
        return importance;
    }

    /** Weka's serialization of the header and classifier, preceded by the Weka version and family. */
    @Override
    public synchronized void save(OutputStream out) throws IOException {
        try {
            SerializationHelper.writeAll(out, new Object[] {WekaRuntime.LIBRARY, family, header, classifier,
                    new LinkedHashMap<>(importance)});
        } catch (Exception e) {
            throw new IOException("cannot save the " + family + " model: " + e.getMessage(), e);
        }
    }

    /**
     * @throws IOException if the data is not a saved model of {@code family} or was written by another Weka
     *                     version (Weka does not promise that serialized classifiers survive a version change)
     */
    static WekaFittedModel readFrom(String family, InputStream in) throws IOException {
        WekaRuntime.init();
        Object[] parts;
        try {
            parts = SerializationHelper.readAll(in);
        } catch (Exception e) {
            throw new IOException("not a saved Weka model: " + e.getMessage(), e);
        }
        if (parts.length != 5 || !(parts[0] instanceof String library) || !(parts[1] instanceof String saved)) {
            throw new IOException("not a saved Weka model (" + parts.length + " parts)");
        }
        if (!library.equals(WekaRuntime.LIBRARY)) {
            throw new IOException("the model was trained with " + library + ", this is " + WekaRuntime.LIBRARY
                    + ": retrain it");
        }
        if (!saved.equals(family)) {
            throw new IOException("the artifact is a " + saved + " model, not " + family);
        }
        @SuppressWarnings("unchecked")
        Map<String, Double> importance = (Map<String, Double>) parts[4];
        Instances header = (Instances) parts[2];
        double[] values = new double[header.numAttributes() - 1];
        boolean any = !importance.isEmpty();
        for (int i = 0; i < values.length; i++) {
            values[i] = importance.getOrDefault(header.attribute(i).name(), 0.0);
        }
        return new WekaFittedModel(family, header, (Classifier) parts[3], any ? values : null);
    }
}
