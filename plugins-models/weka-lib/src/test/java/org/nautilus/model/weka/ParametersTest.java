package org.nautilus.model.weka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private final Map<String, String> defaults = Map.of("trees", "100", "ridge", "1e-8", "unpruned", "false");

    @Test
    void overridesAreCheckedByNameAndParsedWithClearErrors() {
        Parameters p = new Parameters("f", defaults, Map.of("trees", " 20 "));
        assertThat(p.integer("trees", 1)).isEqualTo(20);
        assertThat(p.decimal("ridge", 0)).isEqualTo(1e-8);
        assertThat(p.bool("unpruned")).isFalse();
        assertThatThrownBy(() -> new Parameters("f", defaults, Map.of("tree", "3")))
                .hasMessage("f has no parameter 'tree'; it takes [ridge, trees, unpruned]");
        assertThatThrownBy(() -> new Parameters("f", defaults, Map.of("trees", "0")).integer("trees", 1))
                .hasMessage("f: trees must be at least 1, got 0");
        assertThatThrownBy(() -> new Parameters("f", defaults, Map.of("ridge", "x")).decimal("ridge", 0))
                .hasMessage("f: ridge must be a number, got 'x'");
        assertThatThrownBy(() -> new Parameters("f", defaults, Map.of("unpruned", "yes")).bool("unpruned"))
                .hasMessage("f: unpruned must be true or false, got 'yes'");
    }
}
