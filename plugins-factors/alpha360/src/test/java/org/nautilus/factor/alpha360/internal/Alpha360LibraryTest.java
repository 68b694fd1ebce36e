package org.nautilus.factor.alpha360.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;

class Alpha360LibraryTest {

    private final List<FactorDefinition> definitions = new Alpha360Library().definitions();

    @Test
    void threeHundredSixtyFactorsInQlibsOrderWithQlibsText() {
        assertThat(definitions).hasSize(360);
        assertThat(definitions).extracting(FactorDefinition::name).doesNotHaveDuplicates()
                .startsWith("CLOSE59", "CLOSE58").contains("CLOSE0", "OPEN59", "VWAP0").endsWith("VOLUME1", "VOLUME0");
        assertThat(definitions.get(0).expression()).isEqualTo("Ref($close, 59)/$close");
        assertThat(definitions.get(59).expression()).isEqualTo("$close/$close");
        assertThat(definitions.get(60).expression()).isEqualTo("Ref($open, 59)/$close");
        assertThat(definitions.get(300).expression()).isEqualTo("Ref($volume, 59)/($volume+1e-12)");
        assertThat(definitions.get(359).expression()).isEqualTo("$volume/($volume+1e-12)");
        assertThat(definitions).allSatisfy(d -> assertThat(d.description()).startsWith("Alpha360 " + d.name() + ": "));
    }

    @Test
    void everyDefinitionCompilesWithTheLookbackOfItsShiftAndSharesTheShiftedFields() {
        FactorProgram program = FactorGraph.compile(definitions).programOrThrow();

        assertThat(program.size()).isEqualTo(360);
        assertThat(program.lookback("CLOSE59")).isEqualTo(59);
        assertThat(program.lookback("VOLUME1")).isEqualTo(1);
        assertThat(program.lookback("HIGH0")).isZero();
        // 6 fields, 6 x 59 shifts, 360 outputs, 1e-12 and $volume+1e-12
        assertThat(program.nodeCount()).isEqualTo(6 + 6 * 59 + 360 + 2);
    }
}
