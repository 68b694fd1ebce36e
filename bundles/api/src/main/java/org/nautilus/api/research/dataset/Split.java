package org.nautilus.api.research.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One validation split of a panel: ascending, disjoint row indices to train on and to test on.
 *
 * @param name       e.g. {@code purged-kfold 2/5} or {@code cpcv [1, 4]}
 * @param train      training rows, ascending
 * @param test       test rows, ascending
 * @param testGroups the groups (folds) tested, for combinatorial purged CV paths; one entry for K-fold, the window
 *                   number for walk-forward
 */
public record Split(String name, int[] train, int[] test, List<Integer> testGroups) {

    public Split {
        Objects.requireNonNull(name, "name");
        train = train.clone();
        test = test.clone();
        testGroups = List.copyOf(testGroups);
        requireAscending("train", train);
        requireAscending("test", test);
        int i = 0;
        int j = 0;
        while (i < train.length && j < test.length) {
            if (train[i] == test[j]) {
                throw new IllegalArgumentException(name + ": row " + train[i] + " is in both train and test");
            }
            if (train[i] < test[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private static void requireAscending(String what, int[] rows) {
        for (int k = 1; k < rows.length; k++) {
            if (rows[k] <= rows[k - 1]) {
                throw new IllegalArgumentException(what + " rows not ascending at " + rows[k]);
            }
        }
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Split that && name.equals(that.name) && Arrays.equals(train, that.train)
                && Arrays.equals(test, that.test) && testGroups.equals(that.testGroups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(train), Arrays.hashCode(test), testGroups);
    }

    @Override
    public String toString() {
        return name + " (train " + train.length + " rows, test " + test.length + " rows)";
    }
}
