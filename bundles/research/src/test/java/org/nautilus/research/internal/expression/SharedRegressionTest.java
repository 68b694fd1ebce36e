package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.research.expression.RollingOperator.RESI;
import static org.nautilus.api.research.expression.RollingOperator.RSQUARE;
import static org.nautilus.api.research.expression.RollingOperator.SLOPE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.Rolling;
import org.nautilus.research.internal.expression.kernel.Kernel;
import org.nautilus.research.internal.support.Bars;

/**
 * {@code Slope}, {@code Rsquare} and {@code Resi} of one series and window share one kernel (one set of regression
 * sums), and give bit for bit the values each gives alone, in batch, streaming and after a snapshot resume.
 */
class SharedRegressionTest {

    /** Three windows: all three outputs, two of them, and one alone; the gappy series has NaN rows. */
    private static final List<FactorDefinition> DEFINITIONS = List.of(
            new FactorDefinition("BETA20", "Slope($close, 20)/$close", ""),
            new FactorDefinition("RSQR20", "Rsquare($close, 20)", ""),
            new FactorDefinition("RESI20", "Resi($close, 20)/$close", ""),
            new FactorDefinition("RSQR5", "Rsquare($volume, 5)", ""),
            new FactorDefinition("RESI5", "Resi($volume, 5)", ""),
            new FactorDefinition("BETA60", "Slope($close, 60)", ""),
            new FactorDefinition("GAPPY_SLOPE", "Slope(If($close > Ref($close, 1), $close, 0/0), 10)", ""),
            new FactorDefinition("GAPPY_RESI", "Resi(If($close > Ref($close, 1), $close, 0/0), 10)", ""));

    @Test
    void one_kernel_computes_the_regressions_of_one_series_and_window() {
        FactorProgram program = FactorGraph.compile(DEFINITIONS).programOrThrow();

        List<String> withKernel = new ArrayList<>();
        List<String> led = new ArrayList<>();
        for (Node node : program.nodes()) {
            String text = node.expression().text();
            if (node.expression() instanceof Rolling r && Set.of(SLOPE, RSQUARE, RESI).contains(r.operator())) {
                (node.isLed() ? led : withKernel).add(text);
                if (node.isLed()) {
                    assertThat(program.nodes()[node.leader()].kernel().get()).isInstanceOf(Kernel.Fanout.class);
                }
            }
        }
        // 8 regression nodes, 4 (series, window) pairs: 4 kernels, of which Slope($close,60) is a plain one
        assertThat(withKernel).hasSize(4);
        assertThat(led).hasSize(4);
        assertThat(FactorStream.kernels(program.nodes())).filteredOn(k -> k instanceof Kernel.Fanout).hasSize(3);
    }

    @Test
    void shared_values_equal_each_regression_computed_alone_bit_for_bit() {
        BarColumns bars = BarColumns.of(Bars.apple());
        FactorColumns shared = FactorGraph.compile(DEFINITIONS).programOrThrow().evaluate(bars);

        assertThat(SharingChecks.aloneVersusShared(DEFINITIONS, bars, shared)).isEmpty();
        for (FactorDefinition definition : DEFINITIONS) {
            double[] together = shared.column(definition.name());
            long finite = Arrays.stream(together).filter(Double::isFinite).count();
            assertThat(finite).as(definition.name()).isGreaterThan(100);
        }
        assertThat(shared.column("GAPPY_RESI")).contains(Double.NaN); // the NaN rows were exercised
    }

    @Test
    void streaming_and_a_resumed_snapshot_equal_the_batch_bit_for_bit() {
        FactorProgram program = FactorGraph.compile(DEFINITIONS).programOrThrow();
        assertThat(SharingChecks.streamVersusBatch(program, BarColumns.of(Bars.apple()))).isEmpty();
    }
}
