package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.ExpressionProblem;
import org.nautilus.api.research.expression.FactorDefinition;

class FactorGraphTest {

    private static FactorDefinition def(String name, String expression) {
        return new FactorDefinition(name, expression, "");
    }

    static final BarColumns BARS = BarColumns.ofOhlcv(
            new double[] {10, 11, 12, 11, 13, 14},
            new double[] {11, 12, 13, 12, 14, 15},
            new double[] {9, 10, 11, 10, 12, 13},
            new double[] {10.5, 11.5, 12.5, 10.5, 13.5, 14.5},
            new double[] {100, 200, 150, 120, 300, 250});

    @Test
    void factors_may_use_other_factors_by_name() {
        FactorProgram program = FactorGraph.compile(List.of(
                def("RATIO", "MA3/$close"),
                def("MA3", "Mean($close, 3)"))).programOrThrow();

        FactorColumns values = program.evaluate(BARS);
        double[] ma3 = values.column("MA3");
        assertThat(ma3[2]).isEqualTo((10.5 + 11.5 + 12.5) / 3);
        assertThat(values.column("RATIO")[2]).isEqualTo(ma3[2] / 12.5);
        assertThat(program.expression("RATIO").text()).isEqualTo("Mean($close,3)/$close");
        assertThat(program.lookback("RATIO")).isEqualTo(2);
    }

    @Test
    void a_shared_subexpression_is_one_node() {
        FactorProgram program = FactorGraph.compile(List.of(
                def("A", "Mean($close, 5)/$close"),
                def("B", "Mean($close,5)-Ref($close,1)"),
                def("C", "(Mean($close, 5))*2"))).programOrThrow();

        // $close, Mean($close,5), A, Ref($close,1), B, 2, C
        assertThat(program.nodeCount()).isEqualTo(7);
    }

    @Test
    void ta_lib_smoothings_start_where_ta_lib_starts_and_cumsum_has_no_window() {
        FactorProgram program = FactorGraph.compile(List.of(
                def("EMA12", "SeededEMA($close, 12)"),
                def("RSI14", "Wilder(Greater($close-Ref($close,1),0),14)"),
                def("CCI20", "MeanDev($close, 20)"),
                def("OBV", "Cumsum($volume)"))).programOrThrow();

        // TA-Lib's lookbacks: EMA n-1, RSI n (one bar for the first change)
        assertThat(program.lookback("EMA12")).isEqualTo(11);
        assertThat(program.lookback("RSI14")).isEqualTo(14);
        assertThat(program.lookback("CCI20")).isEqualTo(19);
        assertThat(program.lookback("OBV")).isZero();
    }

    @Test
    void an_unknown_name_is_refused_with_its_column_and_the_rest_compiles() {
        FactorGraph graph = FactorGraph.compile(List.of(
                def("GOOD", "Mean($close, 5)"),
                def("BAD", "Mean($close, 5) / MA50"),
                def("USES_BAD", "BAD * 2")));

        assertThat(graph.program().names()).containsExactly("GOOD");
        assertThat(graph.problems()).containsExactly(
                new ExpressionProblem("BAD", "Mean($close, 5) / MA50", 19,
                        "unknown factor 'MA50' (fields are written $close, functions need their arguments)"),
                new ExpressionProblem("USES_BAD", "BAD * 2", 1, "uses BAD, which is refused"));
        assertThat(graph.problems().get(0).toString()).isEqualTo(
                "BAD, column 19: unknown factor 'MA50' (fields are written $close, functions need their arguments)\n"
                        + "  Mean($close, 5) / MA50\n"
                        + "                    ^");
    }

    @Test
    void a_cycle_is_refused_with_its_path_and_column() {
        FactorGraph graph = FactorGraph.compile(List.of(
                def("A", "B + 1"),
                def("B", "Ref(C, 1)"),
                def("C", "$close * A"),
                def("SELF", "Mean(SELF, 2)"),
                def("FINE", "$close")));

        assertThat(graph.program().names()).containsExactly("FINE");
        assertThat(graph.problems()).extracting(ExpressionProblem::factor, ExpressionProblem::column,
                ExpressionProblem::message)
                .containsExactly(
                        Tuple.tuple("A", 1, "uses B, which is refused"),
                        Tuple.tuple("B", 5, "uses C, which is refused"),
                        Tuple.tuple("C", 10, "cycle: A -> B -> C -> A"),
                        Tuple.tuple("SELF", 6, "cycle: SELF -> SELF"));
    }

    @Test
    void syntax_errors_and_duplicates_are_reported_per_definition() {
        FactorGraph graph = FactorGraph.compile(List.of(
                def("X", "Mean($close 5)"),
                def("Y", "$close"),
                def("Y", "$open")));

        assertThat(graph.program().names()).containsExactly("Y");
        assertThat(graph.problems()).extracting(ExpressionProblem::factor, ExpressionProblem::column)
                .containsExactly(Tuple.tuple("X", 13), Tuple.tuple("Y", 1));
        assertThatThrownBy(graph::programOrThrow).hasMessageContaining("2 factor definition(s) refused")
                .hasMessageContaining("X, column 13: expected ')' or ',' in the call of Mean, found '5'");
    }

    @Test
    void a_stream_gives_nan_before_its_first_bar_and_counts_bars() {
        FactorStream stream = FactorGraph.compile(List.of(def("C", "$close"))).programOrThrow().newStream();

        assertThat(stream.value(0)).isNaN();
        stream.update(1, 2, 0.5, 1.5, 10, Double.NaN);
        assertThat(stream.value(0)).isEqualTo(1.5);
        assertThat(stream.bars()).isEqualTo(1);
    }
}
