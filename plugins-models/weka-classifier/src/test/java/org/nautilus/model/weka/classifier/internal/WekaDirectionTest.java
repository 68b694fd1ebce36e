package org.nautilus.model.weka.classifier.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.Model;
import org.nautilus.model.weka.FamilyContract;
import org.nautilus.model.weka.WekaFamily;

class WekaDirectionTest extends FamilyContract {

    @Override
    protected WekaFamily family() {
        return new WekaDirection();
    }

    @Test
    void scoresAProbabilityOfUpThatCallsTheDirectionOnNewData() {
        assertThat(family().output()).isEqualTo(Model.Output.PROBABILITY_UP);
        FittedModel fitted = family().fit(synthetic(1000, 5), Map.of(), 1);
        LabelledMatrix probe = synthetic(1000, 6);
        double[] p = fitted.predict(probe.features());
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isBetween(0.0, 1.0);
            if ((p[i] > 0.5) == (probe.targets()[i] > 0)) {
                right++;
            }
        }
        // The planted direction is mostly the RSI side of 50 (noise flips a few near it): far above a coin.
        assertThat(right / 1000.0).isGreaterThan(0.8);
        assertThat(fitted.importance()).containsOnlyKeys("rsi-14", "momentum-10");
        assertThat(fitted.importance().get("rsi-14")).isPositive();
    }

    @Test
    void aRowWithNoUpIsStillAModelThatSaysDown() {
        LabelledMatrix data = synthetic(100, 1);
        double[] down = new double[data.rows()];
        Arrays.fill(down, -0.01);
        FittedModel fitted = family().fit(
                new LabelledMatrix(data.featureNames(), data.targetName(), data.features(), down),
                Map.of(), 1);
        assertThat(fitted.predict(new double[] {90, 0})).isLessThan(0.05);
    }
}
