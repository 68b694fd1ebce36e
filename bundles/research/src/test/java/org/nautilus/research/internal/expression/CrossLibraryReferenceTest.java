package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.ExpressionProblem;
import org.nautilus.api.research.expression.FactorDefinition;

/** A definition naming another library's factor, {@code library.name}: resolved in the graph, or refused with its column. */
class CrossLibraryReferenceTest {

    private static final BarColumns BARS = FactorGraphTest.BARS;

    private static final Map<String, List<FactorDefinition>> TECHNICAL = Map.of("technical", List.of(
            def("SMA_3", "Mean($close,3)"),
            def("RATIO", "$close/SMA_3"))); // a bare name inside technical means technical's own factor

    private static FactorDefinition def(String name, String expression) {
        return new FactorDefinition(name, expression, "");
    }

    @Test
    void another_librarys_factor_is_computed_as_that_library_computes_it() {
        FactorGraph graph = FactorGraph.compile("user", List.of(
                def("GAP", "technical.RATIO - 1"),
                def("SMA_3", "Mean($open,3)")), TECHNICAL); // our own SMA_3 does not shadow technical's

        assertThat(graph.problems()).isEmpty();
        assertThat(graph.referencedLibraries()).containsExactly("technical");
        FactorColumns user = graph.program().evaluate(BARS);
        FactorColumns technical = FactorGraph.compile("technical", TECHNICAL.get("technical"), Map.of()).program()
                .evaluate(BARS);
        for (int row = 0; row < BARS.rows(); row++) {
            assertThat(user.column("GAP")[row]).isEqualTo(technical.column("RATIO")[row] - 1);
        }
        assertThat(graph.program().expression("GAP").text()).isEqualTo("$close/Mean($close,3)-1");
        assertThat(graph.program().names()).containsExactly("GAP", "SMA_3");
    }

    @Test
    void an_unknown_library_or_factor_is_refused_at_its_column() {
        FactorGraph graph = FactorGraph.compile("user", List.of(
                def("A", "$close + tecnical.RSI_14"),
                def("B", "Mean(technical.RSI_14, 5)"),
                def("C", "user.A * 2")), TECHNICAL);

        assertThat(graph.program().names()).isEmpty();
        List<ExpressionProblem> problems = graph.problems();
        assertThat(problems).extracting(ExpressionProblem::factor).containsExactly("A", "B", "C");
        assertThat(problems.get(0).column()).isEqualTo(10);
        assertThat(problems.get(0).message()).startsWith("unknown library 'tecnical' in tecnical.RSI_14")
                .contains("technical");
        assertThat(problems.get(1).column()).isEqualTo(6);
        assertThat(problems.get(1).message()).isEqualTo(
                "unknown factor 'technical.RSI_14' (library technical has no such factor)");
        assertThat(problems.get(2).message()).isEqualTo("uses user.A, which is refused");
        assertThat(graph.referencedLibraries()).containsExactlyInAnyOrder("tecnical", "technical");
    }

    @Test
    void a_cycle_through_another_library_is_refused_with_its_path() {
        Map<String, List<FactorDefinition>> other = Map.of("other", List.of(def("X", "user.A + 1")));
        FactorGraph graph = FactorGraph.compile("user", List.of(def("A", "other.X * 2"), def("B", "$close")), other);

        assertThat(graph.program().names()).containsExactly("B");
        ExpressionProblem problem = graph.problems().get(0);
        assertThat(problem.factor()).isEqualTo("A");
        assertThat(problem.column()).isEqualTo(1);
        assertThat(problem.message()).isEqualTo("uses other.X, which is refused: cycle: A -> other.X -> A");
    }
}
