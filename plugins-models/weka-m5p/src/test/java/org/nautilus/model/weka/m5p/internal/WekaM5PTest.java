package org.nautilus.model.weka.m5p.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.model.weka.FamilyContract;
import org.nautilus.model.weka.WekaFamily;

class WekaM5PTest extends FamilyContract {

    @Override
    protected WekaFamily family() {
        return new WekaM5P();
    }

    @Test
    void unprunedMustBeABoolean() {
        assertThatThrownBy(() -> family().fit(synthetic(50, 1), Map.of("unpruned", "maybe"), 1))
                .hasMessageContaining("unpruned must be true or false");
    }
}
