package org.nautilus.model.weka;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.Model;
import weka.classifiers.Classifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * What every Weka family shares: the data header, fitting a configured classifier on every row, and the artifact.
 * A family (one bundle each) says which classifier it builds from its parameters and the seed. A regressor
 * predicts the target; a family whose {@link #classAttribute} is nominal {@code {down, up}} scores P(up).
 */
public abstract class WekaFamily implements Model {

    /** Fewer rows than this do not make a model. */
    static final int MIN_ROWS = 10;

    static {
        WekaRuntime.init();
    }

    /** A configured, untrained classifier. */
    protected abstract Classifier classifier(Parameters parameters, long seed);

    /** The family's own importance of each attribute after training, or {@code null} if it has none. */
    protected double[] importance(Classifier trained) {
        return null;
    }

    /** The class attribute: numeric (a regressor) unless a family says otherwise. */
    protected Attribute classAttribute(String targetName) {
        return new Attribute(targetName);
    }

    /** The class value Weka trains on for a target (the target itself for a regressor). */
    protected double classValue(double target) {
        return target;
    }

    @Override
    public String library() {
        return WekaRuntime.LIBRARY;
    }

    @Override
    public FittedModel fit(LabelledMatrix data, Map<String, String> parameters, long seed) {
        Parameters p = new Parameters(family(), defaultParameters(), parameters);
        if (data.featureNames().isEmpty()) {
            throw new IllegalArgumentException(family() + " needs at least one feature");
        }
        if (data.rows() < MIN_ROWS) {
            throw new IllegalArgumentException(family() + " needs at least " + MIN_ROWS + " rows, got " + data.rows());
        }
        Classifier classifier = classifier(p, seed);
        Instances header = header(data);
        Instances training = new Instances(header, data.rows());
        for (int i = 0; i < data.rows(); i++) {
            double[] features = data.features()[i];
            double[] values = new double[features.length + 1];
            System.arraycopy(features, 0, values, 0, features.length);
            values[features.length] = classValue(data.targets()[i]);
            training.add(new DenseInstance(1.0, values));
        }
        try {
            classifier.buildClassifier(training);
        } catch (Exception e) {
            throw new IllegalStateException(family() + ": Weka could not train: " + e.getMessage(), e);
        }
        return new WekaFittedModel(family(), header, classifier, importance(classifier));
    }

    @Override
    public FittedModel load(InputStream in) throws IOException {
        return WekaFittedModel.readFrom(family(), in);
    }

    private Instances header(LabelledMatrix data) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        List<String> names = data.featureNames();
        for (String name : names) {
            attributes.add(new Attribute(name));
        }
        attributes.add(classAttribute(data.targetName()));
        Instances header = new Instances(family(), attributes, 0);
        header.setClassIndex(names.size());
        return header;
    }
}
