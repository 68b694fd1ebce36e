package org.nautilus.research.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.evaluation.FactorEvaluation;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.dataset.PanelBuilder;
import org.nautilus.research.internal.generated.GeneratedUniverse;
import org.nautilus.research.internal.generated.UniverseGenerator;

/**
 * The whole pipeline (generator → panel → evaluation) finds the signal planted in a generated universe, at the
 * strength planted, and finds none in a shuffled label.
 */
class PlantedSignalTest {

    private static final double IC = 0.06;
    private static final DataSource.Generated SOURCE = new DataSource.Generated(11, 300, 500, 3, IC,
            LocalDate.of(2015, 1, 5), true);
    private static final GeneratedUniverse UNIVERSE = UniverseGenerator.generate(SOURCE);
    private static final List<FactorDefinition> FEATURES = List.of(
            new FactorDefinition("PLANTED1", "planted_1", "the truth of factor 1"),
            new FactorDefinition("VWAP_GAP", "$vwap/$close-1", "factor 1 as the bars show it"),
            new FactorDefinition("PLANTED3", "planted_3", "the truth of factor 3"),
            new FactorDefinition("LOGVOL", "Log($volume)", "volume is drawn independently of returns"));

    private static PanelDataset panel(LabelSpec label) {
        return PanelBuilder.build(DatasetRequest.of(SOURCE, FEATURES).withLabel(label),
                PanelBuilder.histories(UNIVERSE), null);
    }

    @Test
    void theEvaluationRecoversThePlantedIcWithinItsStandardError() {
        PanelDataset panel = panel(new LabelSpec(0, 1)); // the next-day return the IC was planted against
        for (int f = 0; f < 3; f++) {
            FactorEvaluation e = FactorEvaluator.evaluate(FEATURES.get(f).name(), panel, panel.featureColumn(f), 5);
            double deviation = (e.ic().mean() - IC) / e.ic().stdErr();
            assertThat(Math.abs(deviation)).as("%s: IC %.4f ± %.4f, planted %.2f", e.name(), e.ic().mean(),
                    e.ic().stdErr(), IC).isLessThan(2);
            // Jointly normal: Rank IC = (6/π)·asin(ρ/2).
            double rankIc = 6 / Math.PI * Math.asin(IC / 2);
            assertThat(Math.abs(e.rankIc().mean() - rankIc)).isLessThan(2 * e.rankIc().stdErr());
            assertThat(e.quantiles().spread()).as("top quantile beats bottom").isPositive();
            assertThat(e.quantiles().spread()).isGreaterThan(2 * e.quantiles().spreadStdErr());
        }
        FactorEvaluation volume = FactorEvaluator.evaluate("LOGVOL", panel, panel.featureColumn(3), 5);
        assertThat(Math.abs(volume.ic().mean())).as("no signal in volume: IC %.4f ± %.4f", volume.ic().mean(),
                volume.ic().stdErr()).isLessThan(2 * volume.ic().stdErr());
    }

    @Test
    void againstQlibsLabelThePlantedIcDecaysByTheFactorsPersistence() {
        PanelDataset panel = panel(LabelSpec.qlibDefault());
        FactorEvaluation e = FactorEvaluator.evaluate("PLANTED1", panel, panel.featureColumn(0), 5);
        double expected = IC * UniverseGenerator.PERSISTENCE;
        assertThat(Math.abs(e.ic().mean() - expected)).as("IC %.4f ± %.4f, expected %.4f", e.ic().mean(),
                e.ic().stdErr(), expected).isLessThan(2 * e.ic().stdErr());
        assertThat(e.rankAutocorrelation()).as("a persistent factor keeps its ranks").isGreaterThan(0.8);
        assertThat(e.topTurnover()).isBetween(0.1, 0.6);
    }

    @Test
    void aShuffledLabelGivesNoIc() {
        PanelDataset panel = panel(new LabelSpec(0, 1));
        double[] labels = panel.labels();
        SplittableRandom random = new SplittableRandom(5);
        for (int d = 0; d < panel.dates().size(); d++) { // shuffle within each date
            int from = panel.dateStart(d);
            for (int i = panel.dateStart(d + 1) - 1; i > from; i--) {
                int j = from + random.nextInt(i - from + 1);
                double swap = labels[i];
                labels[i] = labels[j];
                labels[j] = swap;
            }
        }
        int n = panel.rows();
        int[] all = IntStream.range(0, n).toArray();
        double[][] x = new double[n][];
        int[] dates = new int[n];
        int[] instruments = new int[n];
        int[] ends = new int[n];
        for (int r = 0; r < n; r++) {
            x[r] = panel.featureRow(r);
            dates[r] = panel.dateIndex(r);
            instruments[r] = panel.instrumentIndex(r);
            ends[r] = panel.labelEndDay(r);
        }
        PanelDataset shuffled = new PanelDataset(panel.request(), panel.featureNames(), "shuffled", panel.dates(),
                panel.instruments(), dates, instruments, ends, x, labels, "shuffled");
        FactorEvaluation e = FactorEvaluator.evaluate("PLANTED1", shuffled, shuffled.featureColumn(0), 5);
        assertThat(Math.abs(e.ic().mean())).as("IC %.4f ± %.4f", e.ic().mean(), e.ic().stdErr())
                .isLessThan(2 * e.ic().stdErr()).isLessThan(0.01);
        assertThat(all).hasSize(n);
    }
}
