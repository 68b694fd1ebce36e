package org.nautilus.research.internal.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Split;
import org.nautilus.api.research.dataset.SplitSpec;

/**
 * Cuts a panel into validation splits by date (research-methods.md §3; López de Prado, AFML ch. 7 and 12).
 *
 * <p>Purging is by the label's information interval: a training row with interval [t, t1] is dropped when it
 * overlaps a test group's span [t0*, T1*] (t0* = the group's first date, T1* = the last label end among its
 * rows), i.e. when {@code t1 > t0*} and {@code t < T1*} (touching ends share no return: AFML keeps
 * {@code t1 ≤ t0*} on the left and {@code t ≥ T1*} on the right). The embargo drops the first {@code embargo}
 * dates from the first date not before T1* on.
 */
public final class Splits {

    private Splits() {
    }

    public static List<Split> split(PanelDataset dataset, SplitSpec spec) {
        if (spec instanceof SplitSpec.WalkForward walk) {
            return walkForward(dataset, walk);
        } else if (spec instanceof SplitSpec.PurgedKFold kFold) {
            return purgedKFold(dataset, kFold);
        } else if (spec instanceof SplitSpec.CombinatorialPurged cpcv) {
            return combinatorial(dataset, cpcv);
        } else {
            return shuffled(dataset, (SplitSpec.ShuffledKFold) spec);
        }
    }

    static List<Split> walkForward(PanelDataset dataset, SplitSpec.WalkForward spec) {
        int dates = dataset.dates().size();
        if (spec.trainDates() >= dates) {
            throw new IllegalArgumentException("walk-forward needs more than " + spec.trainDates()
                    + " dates to train on; the dataset has " + dates);
        }
        List<Split> splits = new ArrayList<>();
        int window = 0;
        for (int a = spec.trainDates(); a < dates; a += spec.testDates()) {
            int b = Math.min(dates, a + spec.testDates());
            int first = spec.expanding() ? 0 : a - spec.trainDates();
            long testStart = dataset.dates().get(a).toEpochDay();
            IntList train = new IntList();
            for (int r = dataset.dateStart(first); r < dataset.dateStart(a); r++) {
                if (dataset.labelEndDay(r) <= testStart) {
                    train.add(r);
                }
            }
            window++;
            splits.add(new Split((spec.expanding() ? "walk-forward expanding " : "walk-forward rolling ") + window,
                    train.toArray(), rows(dataset, a, b), List.of(window)));
        }
        return splits;
    }

    static List<Split> purgedKFold(PanelDataset dataset, SplitSpec.PurgedKFold spec) {
        int dates = dataset.dates().size();
        if (spec.folds() > dates) {
            throw new IllegalArgumentException(spec.folds() + " folds need at least as many dates; the dataset has "
                    + dates);
        }
        int[] bounds = arraySplit(dates, spec.folds());
        List<Split> splits = new ArrayList<>();
        for (int k = 0; k < spec.folds(); k++) {
            int[][] test = {{bounds[k], bounds[k + 1]}};
            splits.add(purged(dataset, "purged-kfold " + (k + 1) + "/" + spec.folds(), test, spec.embargo(),
                    List.of(k)));
        }
        return splits;
    }

    static List<Split> combinatorial(PanelDataset dataset, SplitSpec.CombinatorialPurged spec) {
        int dates = dataset.dates().size();
        int n = spec.groups();
        if (n > dates) {
            throw new IllegalArgumentException(n + " groups need at least as many dates; the dataset has " + dates);
        }
        // skfolio: groups of floor(dates / n) dates, the last absorbs the remainder.
        int size = dates / n;
        int[] bounds = new int[n + 1];
        for (int g = 0; g < n; g++) {
            bounds[g] = g * size;
        }
        bounds[n] = dates;
        List<Split> splits = new ArrayList<>();
        for (int[] combination : combinations(n, spec.testGroups())) {
            int[][] test = new int[combination.length][];
            List<Integer> groups = new ArrayList<>();
            for (int i = 0; i < combination.length; i++) {
                test[i] = new int[] {bounds[combination[i]], bounds[combination[i] + 1]};
                groups.add(combination[i]);
            }
            splits.add(purged(dataset, "cpcv " + groups, test, spec.embargo(), groups));
        }
        return splits;
    }

    /**
     * For combinatorial purged CV: {@code paths[p][g]} is the index (into the splits, in the order
     * {@link #combinatorial} returns them) of the split whose predictions path p takes for group g: the p-th split
     * in which g is tested (skfolio {@code get_path_ids}).
     */
    public static int[][] paths(SplitSpec.CombinatorialPurged spec) {
        List<int[]> combinations = combinations(spec.groups(), spec.testGroups());
        int[][] paths = new int[spec.paths()][spec.groups()];
        int[] seen = new int[spec.groups()];
        for (int s = 0; s < combinations.size(); s++) {
            for (int g : combinations.get(s)) {
                paths[seen[g]++][g] = s;
            }
        }
        return paths;
    }

    static List<Split> shuffled(PanelDataset dataset, SplitSpec.ShuffledKFold spec) {
        int n = dataset.rows();
        if (spec.folds() > n) {
            throw new IllegalArgumentException(
                    spec.folds() + " folds need at least as many rows; the dataset has " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(spec.seed());
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] bounds = arraySplit(n, spec.folds());
        List<Split> splits = new ArrayList<>();
        for (int k = 0; k < spec.folds(); k++) {
            boolean[] inTest = new boolean[n];
            for (int i = bounds[k]; i < bounds[k + 1]; i++) {
                inTest[order[i]] = true;
            }
            IntList train = new IntList();
            IntList test = new IntList();
            for (int r = 0; r < n; r++) {
                (inTest[r] ? test : train).add(r);
            }
            splits.add(new Split("shuffled-kfold " + (k + 1) + "/" + spec.folds() + " (leaks, for comparison only)",
                    train.toArray(), test.toArray(), List.of(k)));
        }
        return splits;
    }

    /** Test = the rows of the date ranges; train = every other row not purged or embargoed by any of them. */
    private static Split purged(PanelDataset dataset, String name, int[][] testDates, int embargo,
            List<Integer> groups) {
        int dates = dataset.dates().size();
        boolean[] excluded = new boolean[dates];
        long[] spanStart = new long[testDates.length];
        long[] spanEnd = new long[testDates.length];
        for (int g = 0; g < testDates.length; g++) {
            int a = testDates[g][0];
            int b = testDates[g][1];
            for (int d = a; d < b; d++) {
                excluded[d] = true;
            }
            spanStart[g] = dataset.dates().get(a).toEpochDay();
            long end = spanStart[g];
            for (int r = dataset.dateStart(a); r < dataset.dateStart(b); r++) {
                end = Math.max(end, dataset.labelEndDay(r));
            }
            spanEnd[g] = end;
            // Embargo: the first `embargo` dates from the first date not before T1*.
            int m = b;
            while (m < dates && dataset.dates().get(m).toEpochDay() < end) {
                m++;
            }
            for (int d = m; d < Math.min(dates, m + embargo); d++) {
                excluded[d] = true;
            }
        }
        IntList train = new IntList();
        IntList test = new IntList();
        for (int d = 0; d < dates; d++) {
            boolean isTest = false;
            for (int[] range : testDates) {
                isTest |= d >= range[0] && d < range[1];
            }
            long day = dataset.dates().get(d).toEpochDay();
            for (int r = dataset.dateStart(d); r < dataset.dateStart(d + 1); r++) {
                if (isTest) {
                    test.add(r);
                } else if (!excluded[d] && !overlaps(day, dataset.labelEndDay(r), spanStart, spanEnd)) {
                    train.add(r);
                }
            }
        }
        return new Split(name, train.toArray(), test.toArray(), groups);
    }

    private static boolean overlaps(long start, long end, long[] spanStart, long[] spanEnd) {
        for (int g = 0; g < spanStart.length; g++) {
            if (end > spanStart[g] && start < spanEnd[g]) {
                return true;
            }
        }
        return false;
    }

    private static int[] rows(PanelDataset dataset, int firstDate, int endDate) {
        int from = dataset.dateStart(firstDate);
        int to = dataset.dateStart(endDate);
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }

    /** numpy {@code array_split}: n items in k blocks, the first n mod k one longer; block i is [b[i], b[i+1]). */
    static int[] arraySplit(int n, int k) {
        int[] bounds = new int[k + 1];
        for (int i = 0; i < k; i++) {
            bounds[i + 1] = bounds[i] + n / k + (i < n % k ? 1 : 0);
        }
        return bounds;
    }

    /** Every k-subset of 0..n-1 in lexicographic order (itertools.combinations). */
    static List<int[]> combinations(int n, int k) {
        List<int[]> all = new ArrayList<>();
        int[] c = new int[k];
        for (int i = 0; i < k; i++) {
            c[i] = i;
        }
        while (true) {
            all.add(c.clone());
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i) {
                i--;
            }
            if (i < 0) {
                return all;
            }
            c[i]++;
            for (int j = i + 1; j < k; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }

    /** A growable int array. */
    static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
