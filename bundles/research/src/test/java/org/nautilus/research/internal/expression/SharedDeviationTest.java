package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.PairRolling;
import org.nautilus.research.internal.expression.kernel.Kernel;
import org.nautilus.research.internal.support.Bars;

/**
 * {@code Corr(x, y, N)} reads the program's {@code Std(x, N)} (or {@code Std(y, N)}) node instead of keeping that
 * deviation itself, and gives bit for bit the values it gives alone, in batch, streaming and after a snapshot
 * resume. A correlation whose Std is not in the program keeps its own; {@code Cov} keeps none (and its snapshot
 * skips the deviations it does not have).
 */
class SharedDeviationTest {

    /** Alpha158's CORR20 with STD20; a Std of the right input only; a Corr alone; a Cov; flat and gappy series. */
    private static final List<FactorDefinition> DEFINITIONS = List.of(
            new FactorDefinition("STD20", "Std($close, 20)/$close", ""),
            new FactorDefinition("CORR20", "Corr($close, Log($volume+1), 20)", ""),
            new FactorDefinition("VSTD10", "Std($volume, 10)", ""),
            new FactorDefinition("CORRV10", "Corr($open, $volume, 10)", ""),
            new FactorDefinition("CORR5", "Corr($close, $open, 5)", ""),
            new FactorDefinition("COV10", "Cov($close, $volume, 10)", ""),
            new FactorDefinition("FLATSTD", "Std(Less($close, 0), 10)", ""),
            new FactorDefinition("FLATCORR", "Corr(Less($close, 0), $close, 10)", ""),
            new FactorDefinition("GAPPYSTD", "Std(If($close > Ref($close, 1), $close, 0/0), 10)", ""),
            new FactorDefinition("GAPPYCORR", "Corr(If($close > Ref($close, 1), $close, 0/0), $volume, 10)", ""));

    @Test
    void a_correlation_reads_the_std_node_the_program_has() {
        FactorProgram program = FactorGraph.compile(DEFINITIONS).programOrThrow();
        List<String> sharing = new ArrayList<>();
        List<String> alone = new ArrayList<>();
        for (Node node : program.nodes()) {
            if (node.expression() instanceof PairRolling p) {
                Kernel kernel = node.kernel().get();
                (kernel instanceof Kernel.OfThree ? sharing : alone).add(p.text());
                if (kernel instanceof Kernel.OfThree) {
                    assertThat(node.inputs()[2]).isLessThan(program.nodes().length);
                    assertThat(program.nodes()[node.inputs()[2]].expression().text()).startsWith("Std(");
                }
            }
        }
        // CORR20 ($close), CORRV10 (right: $volume), FLATCORR and GAPPYCORR share; CORR5 and COV10 do not
        assertThat(sharing).hasSize(4);
        assertThat(alone).hasSize(2);
    }

    @Test
    void shared_values_equal_each_correlation_computed_alone_bit_for_bit() {
        BarColumns bars = BarColumns.of(Bars.apple());
        FactorColumns shared = FactorGraph.compile(DEFINITIONS).programOrThrow().evaluate(bars);

        assertThat(SharingChecks.aloneVersusShared(DEFINITIONS, bars, shared)).isEmpty();
        for (FactorDefinition definition : DEFINITIONS) {
            double[] together = shared.column(definition.name());
            if (!definition.name().startsWith("FLAT")) {
                long finite = Arrays.stream(together).filter(Double::isFinite).count();
                assertThat(finite).as(definition.name()).isGreaterThan(100);
            }
        }
        assertThat(shared.column("FLATCORR")).containsOnly(Double.NaN); // masked: a flat series has no correlation
    }

    @Test
    void streaming_and_a_resumed_snapshot_equal_the_batch_bit_for_bit() {
        FactorProgram program = FactorGraph.compile(DEFINITIONS).programOrThrow();
        assertThat(SharingChecks.streamVersusBatch(program, BarColumns.of(Bars.apple()))).isEmpty();
    }
}
