package org.nautilus.research.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.nautilus.research.internal.dataset.Panels.DAY0;
import static org.nautilus.research.internal.dataset.Panels.history;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Processing;
import org.nautilus.api.research.expression.FactorDefinition;

class PanelBuilderTest {

    private static final DataSource SOURCE = new DataSource.Samples("hand-made");
    private static final List<FactorDefinition> CLOSE_AND_MOMENTUM = List.of(
            new FactorDefinition("CLOSE", "$close", ""),
            new FactorDefinition("ROC1", "$close/Ref($close,1)-1", ""));

    // B starts a day later than A; C has one date only.
    private final List<InstrumentHistory> histories = List.of(
            history("A", DAY0, 10, 11, 12, 13, 14),
            history("B", DAY0.plusDays(1), 20, 18, 27, 27),
            history("C", DAY0.plusDays(2), 5));

    @Test
    void rowsByDateThenInstrumentWithQlibsLabelAndItsEndDate() {
        PanelDataset panel = PanelBuilder.build(DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM), histories, null);
        // Label Ref($close,-2)/Ref($close,-1)-1 needs two later bars of the instrument's own: A has rows 0-2,
        // B rows 0-1, C none.
        assertThat(panel.rows()).isEqualTo(5);
        assertThat(panel.dates()).containsExactly(DAY0, DAY0.plusDays(1), DAY0.plusDays(2));
        assertThat(panel.instruments()).extracting(InstrumentId::value).containsExactly("A", "B", "C");
        assertThat(List.of(panel.instrument(0), panel.instrument(1), panel.instrument(2), panel.instrument(3),
                panel.instrument(4))).extracting(InstrumentId::value).containsExactly("A", "A", "B", "A", "B");
        assertThat(panel.labelName()).isEqualTo("Ref($close,-2)/Ref($close,-1)-1");
        assertThat(panel.label(0)).isCloseTo(12.0 / 11 - 1, within(1e-15)); // A on day 0
        assertThat(panel.label(2)).isCloseTo(27.0 / 18 - 1, within(1e-15)); // B on day 1
        assertThat(panel.labelEnd(0)).isEqualTo(DAY0.plusDays(2));
        assertThat(panel.labelEnd(2)).isEqualTo(DAY0.plusDays(3));
        assertThat(panel.feature(2, 0)).isEqualTo(20);
        assertThat(panel.feature(2, 1)).isNaN(); // B's first bar has no previous close
        assertThat(panel.feature(3, 1)).isCloseTo(12.0 / 11 - 1, within(1e-15));
        assertThat(panel.dateStart(1)).isEqualTo(1);
        assertThat(panel.dateStart(2)).isEqualTo(3);
    }

    @Test
    void aFeatureAtADateReadsNoLaterBar() {
        PanelDataset full = PanelBuilder.build(DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM), histories, null);
        List<InstrumentHistory> changedFuture = List.of(history("A", DAY0, 10, 11, 12, 999, 1),
                histories.get(1), histories.get(2));
        PanelDataset changed = PanelBuilder.build(DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM), changedFuture, null);
        for (int r = 0; r < full.rows(); r++) {
            assertThat(changed.featureRow(r)).containsExactly(full.featureRow(r));
        }
        assertThat(changed.label(1)).isNotEqualTo(full.label(1)); // only labels look ahead
    }

    @Test
    void theSameRequestGivesTheSameDigestAndAnyChangeAnother() {
        DatasetRequest request = DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM);
        String digest = PanelBuilder.build(request, histories, null).digest();
        assertThat(PanelBuilder.build(request, histories, null).digest()).isEqualTo(digest).hasSize(64);
        assertThat(PanelBuilder.build(request.withLabel(new LabelSpec(0, 1)), histories, null).digest())
                .isNotEqualTo(digest);
        List<InstrumentHistory> otherData = List.of(history("A", DAY0, 10, 11, 12.5, 13, 14), histories.get(1),
                histories.get(2));
        assertThat(PanelBuilder.build(request, otherData, null).digest()).isNotEqualTo(digest);
        assertThat(PanelBuilder.build(request.withFeatureProcessing(List.of(new Processing.FillNaN(0))), histories,
                null).digest()).isNotEqualTo(digest);
    }

    @Test
    void crossSectionalProcessingPerDate() {
        List<InstrumentHistory> four = List.of(history("A", DAY0, 1, 1, 1), history("B", DAY0, 2, 1, 1),
                history("C", DAY0, 2, 1, 1), history("D", DAY0, 100, 1, 1));
        List<FactorDefinition> close = List.of(new FactorDefinition("C", "$close", ""));
        DatasetRequest raw = DatasetRequest.of(SOURCE, close);

        PanelDataset z = PanelBuilder.build(raw.withFeatureProcessing(List.of(new Processing.ZScore())), four, null);
        // mean 26.25, sample std sqrt((25.25^2 + 2*24.25^2 + 73.75^2)/3) = 49.1689...
        double std = Math.sqrt((25.25 * 25.25 + 2 * 24.25 * 24.25 + 73.75 * 73.75) / 3);
        assertThat(column(z)).containsExactly(new double[] {-25.25 / std, -24.25 / std, -24.25 / std, 73.75 / std},
                within(1e-12));

        PanelDataset rank = PanelBuilder.build(raw.withFeatureProcessing(List.of(new Processing.Rank())), four, null);
        assertThat(column(rank)).containsExactly(0.25, 0.625, 0.625, 1.0); // ties share rank 2.5

        PanelDataset robust = PanelBuilder.build(raw.withFeatureProcessing(List.of(new Processing.RobustZScore(3))),
                four, null);
        // median 2, |x - 2| = 1, 0, 0, 98 -> MAD 0.5, scale 0.7413; D clipped to 3.
        assertThat(column(robust)).containsExactly(new double[] {-1 / 0.7413, 0, 0, 3}, within(1e-12));
    }

    @Test
    void fillAndDropIncompleteRows() {
        DatasetRequest request = DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM);
        PanelDataset dropped = PanelBuilder.build(request.withDropIncomplete(true), histories, null);
        assertThat(dropped.rows()).isEqualTo(3); // A day 0 and B day 1 have no ROC1
        PanelDataset filled = PanelBuilder.build(request.withFeatureProcessing(List.of(new Processing.FillNaN(0)))
                .withDropIncomplete(true), histories, null);
        assertThat(filled.rows()).isEqualTo(5);
        assertThat(filled.feature(0, 1)).isZero();
    }

    @Test
    void universeAndDateFilters() {
        DatasetRequest request = DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM);
        PanelDataset onlyB = PanelBuilder.build(request.withUniverse(List.of(InstrumentId.of("B"))), histories, null);
        assertThat(onlyB.rows()).isEqualTo(2);
        assertThat(onlyB.instruments()).containsExactly(InstrumentId.of("B"));
        PanelDataset dayOne = PanelBuilder.build(request.withDates(DAY0.plusDays(1), DAY0.plusDays(1)), histories,
                null);
        assertThat(dayOne.dates()).containsExactly(DAY0.plusDays(1));
        assertThat(dayOne.rows()).isEqualTo(2);
        assertThat(dayOne.labelEnd(0)).isEqualTo(DAY0.plusDays(3)); // the label may read past the filter
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        DatasetRequest request = DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM);
        assertThatThrownBy(() -> PanelBuilder.build(request.withUniverse(List.of(InstrumentId.of("ZZZ"))), histories,
                null)).hasMessageContaining("instrument ZZZ is not in samples:hand-made");
        assertThatThrownBy(() -> PanelBuilder.build(DatasetRequest.of(SOURCE,
                List.of(new FactorDefinition("X", "Mean($close,", ""))), histories, null))
                        .hasMessageContaining("X");
        assertThatThrownBy(() -> PanelBuilder.build(request.withDates(DAY0.plusDays(30), null), histories, null))
                .hasMessageContaining("no row has a label");
        assertThatThrownBy(() -> DatasetRequest.of(SOURCE, List.of(CLOSE_AND_MOMENTUM.get(0),
                CLOSE_AND_MOMENTUM.get(0)))).hasMessageContaining("CLOSE is listed twice");
    }

    @Test
    void aPanelGivesThePlainTrainingSetAndSubsetsWithTheirOwnDigest() {
        PanelDataset panel = PanelBuilder.build(DatasetRequest.of(SOURCE, CLOSE_AND_MOMENTUM), histories, null);
        LabelledMatrix all = panel.toMatrix();
        assertThat(all.rows()).isEqualTo(5);
        assertThat(all.featureNames()).containsExactly("CLOSE", "ROC1");
        LabelledMatrix two = panel.toMatrix(new int[] {3, 4});
        assertThat(two.targets()).containsExactly(panel.label(3), panel.label(4));
        PanelDataset subset = panel.select(new int[] {0, 3});
        assertThat(subset.rows()).isEqualTo(2);
        assertThat(subset.digest()).isNotEqualTo(panel.digest()).hasSize(64);
        assertThat(panel.select(new int[] {0, 3}).digest()).isEqualTo(subset.digest());
    }

    private static double[] column(PanelDataset panel) {
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < panel.rows(); r++) {
            if (panel.dateIndex(r) == 0) {
                values.add(panel.feature(r, 0));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
