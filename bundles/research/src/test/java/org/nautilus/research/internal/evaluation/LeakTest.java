package org.nautilus.research.internal.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Split;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.evaluation.IcSummary;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.research.internal.dataset.InstrumentHistory;
import org.nautilus.research.internal.dataset.PanelBuilder;
import org.nautilus.research.internal.dataset.Splits;
import org.nautilus.research.internal.generated.UniverseGenerator;

/**
 * The leak test. A universe with NO planted signal; a look-ahead feature, tomorrow's 20-day mean volume (volume is
 * drawn independently of returns, so the feature tells nothing true about any return), and a 20-day label starting
 * tomorrow ({@code Ref($close,-21)/Ref($close,-1)-1}). The feature changes slowly, so it fingerprints the date: a
 * learner that can memorise (nearest neighbours in the feature, per instrument) finds, for a test row, the training
 * rows of the same instrument on neighbouring dates, whose labels share up to 19 of the test label's 20 days.
 * Shuffled K-fold puts those neighbours in training and is fooled; purged splits drop every training row whose label
 * overlaps the test dates (and embargo the next ones), and see no skill.
 *
 * <p>Two things learned building it. A feature equal to a return inside the label window is a true relation that
 * no split removes; splits remove information that reaches test labels through overlapping training labels. And
 * with a non-stationary feature (tomorrow's close, a price level) purged K-fold and CPCV still scored an IC of
 * ~0.07 (walk-forward ~0): training rows after the test block reveal where the price path went. Purging cannot
 * remove that; walk-forward (past-only training) does.
 */
class LeakTest {

    private static final LabelSpec LABEL = new LabelSpec(1, 21);

    static PanelDataset leakyPanel(int instruments) {
        DataSource.Generated source = new DataSource.Generated(21, instruments, 400, 0, 0, LocalDate.of(2018, 1, 1),
                false);
        List<InstrumentHistory> histories = new ArrayList<>();
        for (InstrumentHistory h : PanelBuilder.histories(UniverseGenerator.generate(source))) {
            double[] volume = h.bars().volume();
            double[] tomorrow = new double[volume.length];
            for (int t = 0; t < volume.length; t++) {
                double sum = 0;
                for (int s = t - 18; s <= t + 1; s++) {
                    sum += s >= 0 && s < volume.length ? volume[s] : Double.NaN;
                }
                tomorrow[t] = sum / 20;
            }
            histories.add(new InstrumentHistory(h.instrument(), h.dates(), h.bars(),
                    Map.of("tomorrow_volume", tomorrow)));
        }
        return PanelBuilder.build(DatasetRequest.of(source, List.of(
                new FactorDefinition("LEAK", "tomorrow_volume",
                        "look-ahead: tomorrow's Mean($volume,20)")))
                .withLabel(LABEL),
                histories, null);
    }

    /** k nearest neighbours in the feature among the instrument's own training rows; params = k. */
    static final Learner<Integer> NEAREST = (panel, train, k) -> {
        Map<Integer, List<double[]>> byInstrument = new HashMap<>();
        for (int r : train) {
            byInstrument.computeIfAbsent(panel.instrumentIndex(r), i -> new ArrayList<>())
                    .add(new double[] {panel.feature(r, 0), panel.label(r)});
        }
        Map<Integer, double[][]> sorted = new HashMap<>();
        byInstrument.forEach((i, rows) -> {
            double[][] array = rows.toArray(new double[0][]);
            Arrays.sort(array, (a, b) -> Double.compare(a[0], b[0]));
            sorted.put(i, array);
        });
        return (p, row, features) -> {
            double[][] rows = sorted.get(p.instrumentIndex(row));
            if (rows == null) {
                return Double.NaN;
            }
            double x = features[0];
            int lo = 0;
            int hi = rows.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (rows[mid][0] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int left = lo - 1;
            int right = lo;
            double sum = 0;
            for (int taken = 0; taken < Math.min(k, rows.length); taken++) {
                boolean takeLeft = right >= rows.length
                        || left >= 0 && x - rows[left][0] <= rows[right][0] - x;
                sum += takeLeft ? rows[left--][1] : rows[right++][1];
            }
            return sum / Math.min(k, rows.length);
        };
    };

    @Test
    void shuffledKFoldIsFooledAndThePurgedSplitsAreNot() {
        PanelDataset panel = leakyPanel(200);
        IcSummary shuffled = Validation.crossValidatedIc(panel, Splits.split(panel, new SplitSpec.ShuffledKFold(5, 1)),
                NEAREST, 3);
        IcSummary purged = Validation.crossValidatedIc(panel, Splits.split(panel, new SplitSpec.PurgedKFold(5, 5)),
                NEAREST, 3);
        IcSummary cpcv = Validation.crossValidatedIc(panel,
                Splits.split(panel, new SplitSpec.CombinatorialPurged(6, 2, 5)), NEAREST, 3);
        IcSummary walkForward = Validation.crossValidatedIc(panel,
                Splits.split(panel, new SplitSpec.WalkForward(100, 50, true)), NEAREST, 3);

        assertThat(shuffled.mean()).as("shuffled K-fold IC %.3f", shuffled.mean()).isGreaterThan(0.15);
        assertThat(shuffled.tStat()).isGreaterThan(20);
        // Measured (seed 21): shuffled 0.196 (t 50); purged K-fold 0.006, CPCV 0.004, walk-forward 0.011. Daily ICs
        // of 20-day overlapping labels are autocorrelated, so their naive standard error is ~4x too small: the
        // honest bound is an absolute one, far below the fooled score.
        for (IcSummary honest : List.of(purged, cpcv, walkForward)) {
            assertThat(Math.abs(honest.mean())).as("purged IC %.4f ± %.4f", honest.mean(), honest.stdErr())
                    .isLessThan(0.03).isLessThan(shuffled.mean() / 6);
        }
    }

    @Test
    void theHyperParameterSearchLooksOnlyInsideTheTrainingFolds() {
        PanelDataset panel = leakyPanel(40);
        Split outer = Splits.split(panel, new SplitSpec.WalkForward(250, 100, true)).get(0);
        Set<Integer> outerTrain = new TreeSet<>();
        for (int r : outer.train()) {
            outerTrain.add(r);
        }
        Set<Integer> seen = new TreeSet<>();
        Learner<Integer> watched = (p, train, k) -> {
            for (int r : train) {
                seen.add(r);
            }
            return NEAREST.fit(p, train, k);
        };
        Validation.SearchResult<Integer> result = Validation.search(panel, outer, new SplitSpec.PurgedKFold(4, 5),
                List.of(1, 10, 50), watched);
        assertThat(seen).as("every row any fit read").isSubsetOf(outerTrain);
        assertThat(result.innerScores()).containsOnlyKeys(1, 10, 50);
        assertThat(result.best()).isIn(1, 10, 50);
        assertThat(Math.abs(result.outerTest().mean())).as("no skill out of sample").isLessThan(0.15);
    }

    @Test
    void gridAndRandomSearchPoints() {
        Map<String, List<?>> values = new LinkedHashMap<>();
        values.put("depth", List.of(3, 5));
        values.put("rate", List.of(0.1, 0.05, 0.01));
        assertThat(Validation.grid(values)).hasSize(6).first().isEqualTo(Map.of("depth", 3, "rate", 0.1));
        assertThat(Validation.random(values, 4, 9)).hasSize(4).doesNotHaveDuplicates()
                .isEqualTo(Validation.random(values, 4, 9));
    }
}
