package org.nautilus.model.weka.m5p.internal;

import java.util.Map;
import org.nautilus.api.research.Model;
import org.nautilus.model.weka.Parameters;
import org.nautilus.model.weka.WekaFamily;
import org.osgi.service.component.annotations.Component;
import weka.classifiers.Classifier;
import weka.classifiers.trees.M5P;

/** Weka's M5P model tree (linear models in the leaves), pruned. Deterministic; no importance of its own. */
@Component(service = Model.class, property = Model.FAMILY_PROPERTY + "=" + WekaM5P.FAMILY)
public final class WekaM5P extends WekaFamily {

    public static final String FAMILY = "weka-m5p";

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public String description() {
        return "Weka M5P model tree (min.leaf: fewest rows per leaf; unpruned: true/false)";
    }

    @Override
    public Map<String, String> defaultParameters() {
        return Map.of("min.leaf", "4", "unpruned", "false");
    }

    @Override
    protected Classifier classifier(Parameters p, long seed) {
        M5P tree = new M5P();
        tree.setMinNumInstances(p.integer("min.leaf", 1));
        tree.setUnpruned(p.bool("unpruned"));
        return tree;
    }
}
