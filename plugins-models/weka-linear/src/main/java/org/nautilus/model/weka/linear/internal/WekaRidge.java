package org.nautilus.model.weka.linear.internal;

import java.util.Map;
import org.nautilus.api.research.Model;
import org.nautilus.model.weka.Parameters;
import org.nautilus.model.weka.WekaFamily;
import org.osgi.service.component.annotations.Component;
import weka.classifiers.Classifier;
import weka.classifiers.functions.LinearRegression;
import weka.core.SelectedTag;

/**
 * Weka's LinearRegression with a ridge penalty and no attribute selection (every feature kept: factor models
 * want the plain ridge fit). Importance: the absolute coefficient (features are on the caller's scale).
 */
@Component(service = Model.class, property = Model.FAMILY_PROPERTY + "=" + WekaRidge.FAMILY)
public final class WekaRidge extends WekaFamily {

    public static final String FAMILY = "weka-ridge";

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "Weka LinearRegression with a ridge penalty (ridge), all features kept";
    }

    @Override
    public Map<String, String> defaultParameters() {
        return Map.of("ridge", "1.0E-8");
    }

    @Override
    protected Classifier classifier(Parameters p, long seed) {
        LinearRegression linear = new LinearRegression();
        linear.setRidge(p.decimal("ridge", 0));
        linear.setAttributeSelectionMethod(new SelectedTag(LinearRegression.SELECTION_NONE,
                LinearRegression.TAGS_SELECTION));
        linear.setEliminateColinearAttributes(false);
        return linear;
    }

    @Override
    protected double[] importance(Classifier trained) {
        double[] coefficients = ((LinearRegression) trained).coefficients();
        // Weka's array has one slot per attribute (the class's is 0) and the intercept last.
        double[] importance = new double[coefficients.length - 2];
        for (int i = 0; i < importance.length; i++) {
            importance[i] = Math.abs(coefficients[i]);
        }
        return importance;
    }
}
