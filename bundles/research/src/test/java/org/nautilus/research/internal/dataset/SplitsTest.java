package org.nautilus.research.internal.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.research.internal.dataset.Panels.concat;
import static org.nautilus.research.internal.dataset.Panels.range;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Split;
import org.nautilus.api.research.dataset.SplitSpec;

/**
 * Splits of a hand-made panel: 10 dates (days 0..9) × 2 instruments, row = 2·date + instrument, every label
 * ending 2 days after its date. The expected index sets are worked out by hand in the comments.
 */
class SplitsTest {

    private final PanelDataset panel = Panels.grid(10, 2, 2);

    @Test
    void purgedKFoldWithEmbargoAgainstHandComputedIndexSets() {
        List<Split> splits = Splits.split(panel, new SplitSpec.PurgedKFold(5, 1));
        assertThat(splits).hasSize(5);
        // Fold 1 tests dates 0-1; their labels end by day 3 (T1*). Date 2 (label to 4) overlaps: purged.
        // The first date not before day 3 is date 3: embargoed (1). Train: dates 4-9.
        assertThat(splits.get(0).test()).containsExactly(range(0, 4));
        assertThat(splits.get(0).train()).containsExactly(range(8, 20));
        // Fold 3 tests dates 4-5, span [4, 7]. Left: labels ending by day 4 -> dates 0-2 (date 2 ends exactly at 4:
        // kept, it shares no return); date 3 (ends 5) purged. Right: date 6 starts before 7: purged; date 7 is the
        // first not before T1* and is embargoed. Train: dates 0-2 and 8-9.
        assertThat(splits.get(2).test()).containsExactly(range(8, 12));
        assertThat(splits.get(2).train()).containsExactly(concat(range(0, 6), range(16, 20)));
        // Fold 5 tests dates 8-9 from day 8: labels ending by day 8 -> dates 0-6; date 7 purged; nothing after.
        assertThat(splits.get(4).train()).containsExactly(range(0, 14));
    }

    @Test
    void withoutEmbargoOnlyThePurgeRemains() {
        Split fold3 = Splits.split(panel, new SplitSpec.PurgedKFold(5, 0)).get(2);
        assertThat(fold3.train()).containsExactly(concat(range(0, 6), range(14, 20))); // date 7 is back
    }

    @Test
    void foldsFollowNumpysArraySplit() {
        assertThat(Splits.arraySplit(10, 3)).containsExactly(0, 4, 7, 10);
        List<Split> splits = Splits.split(panel, new SplitSpec.PurgedKFold(3, 0));
        assertThat(splits.get(0).test()).containsExactly(range(0, 8)); // dates 0-3
        assertThat(splits.get(1).test()).containsExactly(range(8, 14)); // dates 4-6
        assertThat(splits.get(2).test()).containsExactly(range(14, 20)); // dates 7-9
    }

    @Test
    void walkForwardExpandingAndRollingPurgeTheLastLabelsBeforeEachWindow() {
        List<Split> expanding = Splits.split(panel, new SplitSpec.WalkForward(4, 3, true));
        assertThat(expanding).hasSize(2);
        // Window 1 tests dates 4-6; train dates 0-3 whose labels end by day 4: dates 0-2.
        assertThat(expanding.get(0).test()).containsExactly(range(8, 14));
        assertThat(expanding.get(0).train()).containsExactly(range(0, 6));
        // Window 2 tests dates 7-9; train dates 0-6 ending by day 7: dates 0-5.
        assertThat(expanding.get(1).test()).containsExactly(range(14, 20));
        assertThat(expanding.get(1).train()).containsExactly(range(0, 12));

        List<Split> rolling = Splits.split(panel, new SplitSpec.WalkForward(4, 3, false));
        // Window 2 trains on the 4 dates before it (3-6), purged to 3-5.
        assertThat(rolling.get(1).train()).containsExactly(range(6, 12));
        assertThat(rolling.get(1).test()).containsExactly(range(14, 20));
    }

    @Test
    void walkForwardsLastWindowMayBeShorter() {
        List<Split> splits = Splits.split(panel, new SplitSpec.WalkForward(3, 3, true));
        assertThat(splits).extracting(s -> s.test().length).containsExactly(6, 6, 2); // dates 3-5, 6-8, 9
    }

    @Test
    void combinatorialPurgedCvAgainstHandComputedIndexSets() {
        SplitSpec.CombinatorialPurged spec = new SplitSpec.CombinatorialPurged(5, 2, 0);
        List<Split> splits = Splits.split(panel, spec);
        assertThat(splits).hasSize(10);
        assertThat(spec.splits()).isEqualTo(10);
        assertThat(spec.paths()).isEqualTo(4);
        // Split 1 is groups [0, 1] (itertools order): test dates 0-3, span [0, 5]; dates 4 (to 6) purged.
        assertThat(splits.get(0).testGroups()).containsExactly(0, 1);
        assertThat(splits.get(0).test()).containsExactly(range(0, 8));
        assertThat(splits.get(0).train()).containsExactly(range(10, 20));
        // Groups [0, 2]: test dates 0-1 and 4-5, spans [0, 3] and [4, 7]. Date 2 (2..4) overlaps [0, 3]; date 3
        // (3..5) overlaps [4, 7]; date 6 (6..8) overlaps [4, 7]; date 7 (7..9) touches 7 only: kept.
        Split split = splits.get(1);
        assertThat(split.testGroups()).containsExactly(0, 2);
        assertThat(split.test()).containsExactly(concat(range(0, 4), range(8, 12)));
        assertThat(split.train()).containsExactly(range(14, 20));
    }

    @Test
    void cpcvPathsTakeEachGroupFromTheSplitsThatTestIt() {
        SplitSpec.CombinatorialPurged spec = new SplitSpec.CombinatorialPurged(5, 2, 0);
        int[][] paths = Splits.paths(spec);
        assertThat(paths).hasDimensions(4, 5);
        // Splits in order: 0:[0,1] 1:[0,2] 2:[0,3] 3:[0,4] 4:[1,2] 5:[1,3] 6:[1,4] 7:[2,3] 8:[2,4] 9:[3,4].
        assertThat(paths[0]).containsExactly(0, 0, 1, 2, 3);
        assertThat(paths[3]).containsExactly(3, 6, 8, 9, 9);
        List<Split> splits = Splits.split(panel, spec);
        for (int[] path : paths) {
            for (int g = 0; g < 5; g++) {
                assertThat(splits.get(path[g]).testGroups()).contains(g);
            }
        }
    }

    @Test
    void aDatesInstrumentsStayTogetherInEveryDateSplit() {
        for (SplitSpec spec : List.of(new SplitSpec.PurgedKFold(4, 1), new SplitSpec.CombinatorialPurged(5, 2, 1),
                new SplitSpec.WalkForward(3, 2, false))) {
            for (Split split : Splits.split(panel, spec)) {
                for (int[] rows : new int[][] {split.train(), split.test()}) {
                    for (int r : rows) {
                        int partner = r % 2 == 0 ? r + 1 : r - 1;
                        assertThat(rows).as("%s: row %d without its date's other row", split.name(), r)
                                .contains(partner);
                    }
                }
            }
        }
    }

    @Test
    void noTrainingLabelOverlapsATestDateInAnyPurgedSplit() {
        PanelDataset wide = Panels.grid(60, 3, 5);
        for (SplitSpec spec : List.of(new SplitSpec.PurgedKFold(6, 2), new SplitSpec.CombinatorialPurged(6, 2, 2),
                new SplitSpec.WalkForward(20, 10, true))) {
            for (Split split : Splits.split(wide, spec)) {
                for (int train : split.train()) {
                    for (int test : split.test()) {
                        long trainStart = wide.date(train).toEpochDay();
                        long trainEnd = wide.labelEndDay(train);
                        long testStart = wide.date(test).toEpochDay();
                        long testEnd = wide.labelEndDay(test);
                        assertThat(trainEnd <= testStart || trainStart >= testEnd)
                                .as("%s: train row %d overlaps test row %d", split.name(), train, test).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void shuffledKFoldPartitionsTheRowsIgnoringDates() {
        List<Split> splits = Splits.split(panel, new SplitSpec.ShuffledKFold(4, 42));
        int[] all = splits.stream().flatMapToInt(s -> Arrays.stream(s.test())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 20).toArray());
        assertThat(splits).allMatch(s -> s.train().length + s.test().length == 20);
        assertThat(splits.get(0).name()).contains("leaks");
    }

    @Test
    void impossibleSchemesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Splits.split(panel, new SplitSpec.PurgedKFold(11, 0)))
                .hasMessageContaining("11 folds need at least as many dates; the dataset has 10");
        assertThatThrownBy(() -> Splits.split(panel, new SplitSpec.WalkForward(10, 1, true)))
                .hasMessageContaining("the dataset has 10");
        assertThatThrownBy(() -> new SplitSpec.CombinatorialPurged(4, 4, 0))
                .hasMessageContaining("testGroups < groups");
    }
}
