package org.nautilus.research.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Processing;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.dataset.PanelBuilder;
import org.nautilus.research.internal.dataset.Splits;
import org.nautilus.research.internal.generated.UniverseGenerator;
import org.nautilus.research.internal.stats.CrossSection;

class PermutationImportanceTest {

    /** A composite weighting each feature by its pooled correlation with the label on the training rows. */
    static final Learner<Void> IC_WEIGHTED = (panel, train, ignored) -> {
        int f = panel.featureNames().size();
        double[] weights = new double[f];
        double[] y = new double[train.length];
        for (int i = 0; i < train.length; i++) {
            y[i] = panel.label(train[i]);
        }
        for (int c = 0; c < f; c++) {
            double[] x = new double[train.length];
            for (int i = 0; i < train.length; i++) {
                x[i] = panel.feature(train[i], c);
            }
            weights[c] = CrossSection.pearson(x, y, 0, x.length);
        }
        return (p, row, features) -> {
            double score = 0;
            for (int c = 0; c < f; c++) {
                score += weights[c] * features[c];
            }
            return score;
        };
    };

    @Test
    void thePlantedFeatureMattersAndTheNoiseDoesNot() {
        DataSource.Generated source = new DataSource.Generated(4, 200, 300, 2, 0.08, LocalDate.of(2019, 1, 1), false);
        PanelDataset panel = PanelBuilder.build(DatasetRequest.of(source, List.of(
                new FactorDefinition("PLANTED1", "planted_1", ""),
                new FactorDefinition("ROC3", "$close/Ref($close,3)-1", "")))
                .withLabel(new LabelSpec(0, 1))
                .withFeatureProcessing(List.of(new Processing.ZScore(),
                        new Processing.FillNaN(0))),
                PanelBuilder.histories(UniverseGenerator.generate(source)), null);
        Map<String, Double> importance = Validation.permutationImportance(panel,
                Splits.split(panel, new SplitSpec.PurgedKFold(4, 2)), IC_WEIGHTED, null, 3);
        assertThat(importance.get("PLANTED1")).as("%s", importance).isGreaterThan(0.04);
        assertThat(Math.abs(importance.get("ROC3"))).as("%s", importance).isLessThan(0.01);
    }

    /**
     * One instrument's held-out block (what {@code nautilus:train} validates on): the model reads the first column
     * only, so shuffling it loses about all of the IC and shuffling the second loses nothing at all; the rows are
     * left as they were, and the same seed gives the same drops.
     */
    @Test
    void aTimeSeriesBlockLosesItsIcOnlyWithTheFeatureTheModelReads() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] rows = new double[500][];
        double[] labels = new double[500];
        for (int i = 0; i < rows.length; i++) {
            double signal = random.nextDouble() - 0.5;
            rows[i] = new double[] {signal, random.nextDouble()};
            labels[i] = signal + 0.5 * (random.nextDouble() - 0.5);
        }
        double[][] before = Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
        Function<double[][], double[]> firstColumn = block -> Arrays.stream(block).mapToDouble(r -> r[0]).toArray();
        double base = CrossSection.pearson(firstColumn.apply(rows), labels, 0, rows.length);

        double[] drops = Validation.permutationDrops(rows, labels, firstColumn, 11);

        assertThat(base).isGreaterThan(0.8);
        assertThat(drops[0]).isCloseTo(base, within(0.15));
        assertThat(drops[1]).isZero();
        assertThat(rows).isDeepEqualTo(before);
        assertThat(Validation.permutationDrops(rows, labels, firstColumn, 11)).containsExactly(drops);
    }
}
