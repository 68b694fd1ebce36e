package org.nautilus.api.research.dataset;

/**
 * A validation scheme. Every scheme cuts a panel by date (a date's instruments stay together), except
 * {@link ShuffledKFold}, the naive scheme kept to show what leaks. Purging drops a training row whose label
 * interval [date, labelEnd] overlaps the test dates' span; the embargo drops the {@code embargo} dates that follow
 * each test block from training as well.
 */
public sealed interface SplitSpec {

    /**
     * Walk-forward: test windows of {@code testDates} dates one after another (the last may be shorter) from date
     * {@code trainDates} on; training is every earlier date (expanding) or the {@code trainDates} dates before the
     * window (rolling), purged of rows whose label ends after the window's first date (a label ending at the
     * close of that date shares no return with the window's labels).
     */
    record WalkForward(int trainDates, int testDates, boolean expanding) implements SplitSpec {
        public WalkForward {
            if (trainDates < 1 || testDates < 1) {
                throw new IllegalArgumentException("walk-forward needs trainDates >= 1 and testDates >= 1, was "
                        + trainDates + " and " + testDates);
            }
        }
    }

    /**
     * Purged K-fold (López de Prado, AFML 7.4): the dates cut into {@code folds} contiguous blocks
     * ({@code np.array_split}); each block is tested once, training on every other date purged by label end and
     * embargoed by {@code embargo} dates after the block.
     */
    record PurgedKFold(int folds, int embargo) implements SplitSpec {
        public PurgedKFold {
            if (folds < 2) {
                throw new IllegalArgumentException("purged K-fold needs at least 2 folds, was " + folds);
            }
            if (embargo < 0) {
                throw new IllegalArgumentException("embargo must not be negative, was " + embargo);
            }
        }
    }

    /**
     * Combinatorial purged CV (AFML ch. 12): the dates cut into {@code groups} contiguous groups, every choice of
     * {@code testGroups} of them tested once (C(groups, testGroups) splits), training on the rest purged and
     * embargoed around each test group.
     */
    record CombinatorialPurged(int groups, int testGroups, int embargo) implements SplitSpec {
        public CombinatorialPurged {
            if (testGroups < 1 || testGroups >= groups) {
                throw new IllegalArgumentException("CPCV needs 1 <= testGroups < groups, was " + testGroups + " of "
                        + groups);
            }
            if (embargo < 0) {
                throw new IllegalArgumentException("embargo must not be negative, was " + embargo);
            }
        }

        /** Splits: C(groups, testGroups). */
        public int splits() {
            long c = 1;
            for (int i = 0; i < testGroups; i++) {
                c = c * (groups - i) / (i + 1);
            }
            return Math.toIntExact(c);
        }

        /** Backtest paths: C(groups, testGroups) · testGroups / groups (each group is tested that often). */
        public int paths() {
            return splits() * testGroups / groups;
        }
    }

    /**
     * Plain K-fold over shuffled rows, neither by date nor purged: leaks the future into training. Only for
     * showing that leak; never for choosing a model.
     */
    record ShuffledKFold(int folds, long seed) implements SplitSpec {
        public ShuffledKFold {
            if (folds < 2) {
                throw new IllegalArgumentException("K-fold needs at least 2 folds, was " + folds);
            }
        }
    }
}
