package org.nautilus.model.weka.classifier.internal;

import java.util.List;
import java.util.Map;
import org.nautilus.api.research.Model;
import org.nautilus.model.weka.Parameters;
import org.nautilus.model.weka.WekaFamily;
import org.osgi.service.component.annotations.Component;
import weka.classifiers.Classifier;
import weka.classifiers.functions.Logistic;
import weka.core.Attribute;

/**
 * The direction of the forward return as a class ({@code up} when the return is above 0, else {@code down}),
 * learnt by Weka's ridge-penalised logistic regression; the score is P(up). Deterministic (no randomness).
 * Importance: the absolute coefficient of each feature (features are on the caller's scale).
 */
@Component(service = Model.class, property = Model.FAMILY_PROPERTY + "=" + WekaDirection.FAMILY)
public final class WekaDirection extends WekaFamily {

    public static final String FAMILY = "weka-direction";

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "Weka logistic regression of the return's direction, scores P(up) (ridge, max.iterations: -1 = until converged)";
    }

    @Override
    public Output output() {
        return Output.PROBABILITY_UP;
    }

    @Override
    public Map<String, String> defaultParameters() {
        return Map.of("ridge", "1.0E-8", "max.iterations", "-1");
    }

    @Override
    protected Classifier classifier(Parameters p, long seed) {
        Logistic logistic = new Logistic();
        logistic.setRidge(p.decimal("ridge", 0));
        logistic.setMaxIts(p.integer("max.iterations", -1));
        return logistic;
    }

    @Override
    protected Attribute classAttribute(String targetName) {
        return new Attribute(targetName, List.of("down", "up"));
    }

    @Override
    protected double classValue(double target) {
        return target > 0 ? 1 : 0;
    }

    @Override
    protected double[] importance(Classifier trained) {
        // Weka's matrix has the intercept in row 0, then one row per feature, one column per class but the last.
        double[][] coefficients = ((Logistic) trained).coefficients();
        double[] importance = new double[coefficients.length - 1];
        for (int i = 0; i < importance.length; i++) {
            importance[i] = Math.abs(coefficients[i + 1][0]);
        }
        return importance;
    }
}
