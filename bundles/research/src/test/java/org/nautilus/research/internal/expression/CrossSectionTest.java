package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;

/**
 * Cross-sectional operators on a hand-computed panel: A and B (group 0) have bars at times 0, 1, 2; C (group 1)
 * has none at time 1, so it is left out of time 1's cross-sections and its windows continue with its next bar.
 */
class CrossSectionTest {

    private static final double NAN = Double.NaN;

    private static BarColumns bars(double[] open, double[] close) {
        return BarColumns.ofOhlcv(open, close.clone(), close.clone(), close, new double[close.length]);
    }

    /** closes A 10 11 12, B 20 19 18, C 30 - 33; opens A 1 1 1, B 1 2 1, C 2 - 1 (ties). */
    private static final Panel PANEL = new Panel(List.of("A", "B", "C"),
            new BarColumns[] {
                    bars(new double[] {1, 1, 1}, new double[] {10, 11, 12}),
                    bars(new double[] {1, 2, 1}, new double[] {20, 19, 18}),
                    bars(new double[] {2, 1}, new double[] {30, 33})},
            new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 2}}, 3, new int[] {0, 0, 1});

    private static FactorProgram program() {
        return FactorGraph.compile(List.of(
                def("RANK", "CSRank($close)"),
                def("DEMEAN", "CSDemean($close)"),
                def("Z", "CSZScore($close)"),
                def("NEUTRAL", "GroupDemean($close)"),
                def("TIES", "CSRank($open)"),
                def("SMOOTH", "Mean(RANK,2)"),
                def("TWICE", "CSDemean(RANK)"),
                def("LAGGED", "CSRank(Ref($close,1))"))).programOrThrow();
    }

    private static FactorDefinition def(String name, String expression) {
        return new FactorDefinition(name, expression, "");
    }

    @Test
    void theOperatorsGiveTheHandComputedValues() {
        FactorColumns[] values = new PanelBatch(program()).evaluate(PANEL);
        FactorColumns a = values[0];
        FactorColumns b = values[1];
        FactorColumns c = values[2];

        assertThat(a.column("RANK")).containsExactly(1 / 3.0, 0.5, 1 / 3.0);
        assertThat(b.column("RANK")).containsExactly(2 / 3.0, 1.0, 2 / 3.0);
        assertThat(c.column("RANK")).containsExactly(1.0, 1.0);
        assertThat(a.column("DEMEAN")).containsExactly(-10, -4, -9);
        assertThat(c.column("DEMEAN")).containsExactly(10, 12);
        assertThat(a.column("Z")).containsExactly(-1, -4 / Math.sqrt(32), -9 / Math.sqrt(117));
        assertThat(b.column("NEUTRAL")).containsExactly(5, 4, 3);
        assertThat(c.column("NEUTRAL")).containsExactly(0, 0);
        // ties share their average rank: time 0 opens 1, 1, 2; time 2 opens 1, 1, 1
        assertThat(a.column("TIES")).containsExactly(0.5, 0.5, 2 / 3.0);
        assertThat(c.column("TIES")).containsExactly(1.0, 2 / 3.0);
        // a rolling window over a cross-section follows the instrument's own bars
        assertThat(a.column("SMOOTH")).containsExactly(1 / 3.0, (1 / 3.0 + 0.5) / 2, (0.5 + 1 / 3.0) / 2);
        assertThat(c.column("SMOOTH")).containsExactly(1.0, 1.0);
        assertThat(c.column("TWICE")).containsExactly(1 - (1 / 3.0 + 2 / 3.0 + 1) / 3, 1 - (1 / 3.0 + 2 / 3.0 + 1) / 3);
        // a NaN argument is left out and stays NaN; C's Ref is its own previous bar (30), not time 1
        assertThat(a.column("LAGGED")).containsExactly(NAN, 0.5, 1 / 3.0);
        assertThat(c.column("LAGGED")).containsExactly(NAN, 1.0);
    }

    @Test
    void streamingTimeByTimeGivesTheBatchValuesBitForBit() {
        assertStreamingMatchesBatch(program(), PANEL);
    }

    /** A {@link PanelStream} fed the panel time by time publishes the batch's values, bit for bit. */
    static void assertStreamingMatchesBatch(FactorProgram program, Panel panel) {
        int n = panel.size();
        FactorColumns[] batch = new PanelBatch(program).evaluate(panel);
        PanelStream stream = new PanelStream(program, panel.groups());
        int[] rows = new int[n];
        int compared = 0;
        for (int t = 0; t < panel.timeCount(); t++) {
            boolean[] present = new boolean[n];
            double[][] fields = new double[n][];
            for (int i = 0; i < n; i++) {
                int[] times = panel.times()[i];
                if (rows[i] < times.length && times[rows[i]] == t) {
                    present[i] = true;
                    BarColumns bars = panel.bars()[i];
                    int r = rows[i];
                    fields[i] = new double[] {bars.open()[r], bars.high()[r], bars.low()[r], bars.close()[r],
                            bars.volume()[r], bars.vwap()[r]};
                }
            }
            stream.update(present, fields);
            for (int i = 0; i < n; i++) {
                if (present[i]) {
                    for (int f = 0; f < program.size(); f++) {
                        assertThat(Double.doubleToRawLongBits(stream.value(i, f))).as("%s of %s at %d",
                                program.names().get(f), panel.instruments().get(i), t)
                                .isEqualTo(Double.doubleToRawLongBits(batch[i].values()[f][rows[i]]));
                        compared++;
                    }
                    rows[i]++;
                }
            }
        }
        assertThat(compared).isPositive();
    }

    @Test
    void aCrossSectionalProgramIsNotRunOnOneInstrument() {
        assertThatThrownBy(() -> program().newStream()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cross-sectional");
        assertThat(FactorGraph.compile(List.of(def("X", "CSRank($close, 5)"))).problems().get(0).message())
                .isEqualTo("CSRank takes 1 argument (CSRank(x)), got 2");
    }
}
