package org.nautilus.model.weka.linear.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.nautilus.model.weka.FamilyContract;
import org.nautilus.model.weka.WekaFamily;

class WekaRidgeTest extends FamilyContract {

    @Override
    protected WekaFamily family() {
        return new WekaRidge();
    }

    /** The planted slopes are 0.004 / 50 per RSI point and 0.001 per unit of the second feature. */
    @Test
    void recoversThePlantedSlopesAsItsImportance() {
        Map<String, Double> importance = family().fit(synthetic(2000, 5), Map.of(), 1).importance();
        assertThat(importance.get("rsi-14")).isCloseTo(0.004 / 50, Percentage.withPercentage(5));
        assertThat(importance.get("momentum-10")).isCloseTo(0.001, Percentage.withPercentage(5));
    }

    @Test
    void ridgeMustBeANumber() {
        assertThatThrownBy(() -> family().fit(synthetic(50, 1), Map.of("ridge", "x"), 1))
                .hasMessageContaining("ridge must be a number");
    }
}
