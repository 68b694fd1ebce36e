package org.nautilus.model.weka.forest.internal;

import java.util.Map;
import org.nautilus.api.research.Model;
import org.nautilus.model.weka.Parameters;
import org.nautilus.model.weka.WekaFamily;
import org.osgi.service.component.annotations.Component;
import weka.classifiers.Classifier;
import weka.classifiers.trees.RandomForest;

/** Weka's RandomForest as a regressor, one execution slot (the caller's thread), importance by impurity decrease. */
@Component(service = Model.class, property = Model.FAMILY_PROPERTY + "=" + WekaRandomForest.FAMILY)
public final class WekaRandomForest extends WekaFamily {

    public static final String FAMILY = "weka-random-forest";

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "Weka RandomForest regression (trees, max.depth, features.per.split: 0 = Weka's default)";
    }

    @Override
    public Map<String, String> defaultParameters() {
        return Map.of("trees", "100", "max.depth", "0", "features.per.split", "0");
    }

    @Override
    protected Classifier classifier(Parameters p, long seed) {
        RandomForest forest = new RandomForest();
        forest.setNumIterations(p.integer("trees", 1));
        forest.setMaxDepth(p.integer("max.depth", 0));
        forest.setNumFeatures(p.integer("features.per.split", 0));
        forest.setSeed((int) seed);
        forest.setNumExecutionSlots(1);
        forest.setComputeAttributeImportance(true);
        return forest;
    }

    @Override
    protected double[] importance(Classifier trained) {
        try {
            return ((RandomForest) trained).computeAverageImpurityDecreasePerAttribute(null);
        } catch (Exception e) {
            return null;
        }
    }
}
