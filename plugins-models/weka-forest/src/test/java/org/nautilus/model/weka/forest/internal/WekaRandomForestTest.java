package org.nautilus.model.weka.forest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.model.weka.FamilyContract;
import org.nautilus.model.weka.WekaFamily;

class WekaRandomForestTest extends FamilyContract {

    @Override
    protected WekaFamily family() {
        return new WekaRandomForest();
    }

    @Override
    protected Map<String, String> quickParameters() {
        return Map.of("trees", "20");
    }

    @Test
    void theStrongFeatureRanksFirst() {
        Map<String, Double> importance = family().fit(synthetic(300, 5), quickParameters(), 1).importance();
        assertThat(importance).containsOnlyKeys("rsi-14", "momentum-10");
        assertThat(importance.get("rsi-14")).isGreaterThan(importance.get("momentum-10"));
    }

    @Test
    void aDifferentSeedGrowsADifferentForest() {
        LabelledMatrix data = synthetic(200, 3);
        double[] a = family().fit(data, Map.of("trees", "10"), 1).predict(data.features());
        double[] b = family().fit(data, Map.of("trees", "10"), 2).predict(data.features());
        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void treesMustBePositive() {
        assertThatThrownBy(() -> family().fit(synthetic(50, 1), Map.of("trees", "0"), 1))
                .hasMessageContaining("trees must be at least 1");
    }
}
