package org.nautilus.research.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
}
