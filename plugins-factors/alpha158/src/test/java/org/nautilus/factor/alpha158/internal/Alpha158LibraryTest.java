package org.nautilus.factor.alpha158.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;

class Alpha158LibraryTest {

    private final Alpha158Library library = new Alpha158Library();

    @Test
    void has_qlibs_158_names_9_kbar_4_price_and_29_families_over_5_windows() {
        List<String> names = library.definitions().stream().map(FactorDefinition::name).toList();

        assertThat(names).hasSize(158).doesNotHaveDuplicates();
        assertThat(names.subList(0, 13)).containsExactly("KMID", "KLEN", "KMID2", "KUP", "KUP2", "KLOW", "KLOW2",
                "KSFT", "KSFT2", "OPEN0", "HIGH0", "LOW0", "VWAP0");
        var families = names.subList(13, 158).stream()
                .collect(Collectors.groupingBy(n -> n.replaceAll("\\d+$", ""), Collectors.counting()));
        assertThat(families).hasSize(29).allSatisfy((family, count) -> assertThat(count).isEqualTo(5));
        assertThat(names).contains("ROC60", "IMXD30", "CORD5", "VSUMD60");
    }

    @Test
    void every_definition_compiles_and_shared_subexpressions_are_computed_once() {
        FactorGraph graph = FactorGraph.compile(library.definitions());

        assertThat(graph.problems()).isEmpty();
        FactorProgram program = graph.program();
        assertThat(program.size()).isEqualTo(158);
        // e.g. Ref($close,1), $close-Ref($close,1), Min($low,d), Max($high,d), Sum(Abs(...),d) are each one node:
        // without sharing the 158 trees have 1,400-odd nodes.
        assertThat(program.nodeCount()).isLessThan(500);
        System.out.println("alpha158: " + program.nodeCount() + " distinct nodes for 158 factors");
    }

    @Test
    void lookback_is_derived_from_the_windows_and_shifts() {
        FactorProgram program = FactorGraph.compile(library.definitions()).programOrThrow();

        assertThat(program.lookback("KMID")).isZero();
        assertThat(program.lookback("ROC60")).isEqualTo(60);
        assertThat(program.lookback("MA60")).isEqualTo(59);
        assertThat(program.lookback("CORD60")).isEqualTo(60); // Ref(.,1) inside a 60-bar window
        assertThat(program.lookback("SUMP5")).isEqualTo(5);
    }

    @Test
    void every_factor_has_a_description() {
        assertThat(library.definitions()).allSatisfy(d -> assertThat(d.description()).startsWith("Alpha158 "));
        assertThat(Alpha158Library.describe("MA20")).isEqualTo("Alpha158 MA, d=20: mean close of d bars / close");
    }
}
