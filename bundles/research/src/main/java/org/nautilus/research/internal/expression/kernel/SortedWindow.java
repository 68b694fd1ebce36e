package org.nautilus.research.internal.expression.kernel;

import java.util.Arrays;

/**
 * The non-NaN values of a window, kept sorted: order statistics for {@code Quantile} and {@code Rank}. An add
 * or remove is a binary search (O(log N) comparisons) and a shift of the values after it with
 * {@code System.arraycopy}: for the windows factors use (up to a few hundred bars) that move costs less than
 * walking a tree, and it allocates nothing.
 */
final class SortedWindow {

    private final double[] sorted;
    private int count;

    SortedWindow(int capacity) {
        this.sorted = new double[capacity];
    }

    void add(double x) {
        if (Double.isNaN(x)) {
            return;
        }
        int at = firstAbove(x);
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = x;
        count++;
    }

    void remove(double x) {
        if (Double.isNaN(x)) {
            return;
        }
        int at = firstAtLeast(x);
        if (at >= count || sorted[at] != x) {
            throw new IllegalStateException(
                    x + " is not in the window " + Arrays.toString(Arrays.copyOf(sorted, count)));
        }
        System.arraycopy(sorted, at + 1, sorted, at, count - at - 1);
        count--;
    }

    /**
     * {@link #remove remove(leaving)} then {@link #add add(entering)} (either NaN for none), leaving the same
     * array: the values between the two places move by one, instead of everything after each place, with no
     * second search. For a series that drifts, the leaving and entering values sit close together.
     */
    void replace(double leaving, double entering) {
        if (Double.isNaN(leaving)) {
            add(entering);
            return;
        }
        if (Double.isNaN(entering)) {
            remove(leaving);
            return;
        }
        int at = firstAtLeast(leaving);
        if (at >= count || sorted[at] != leaving) {
            throw new IllegalStateException(
                    leaving + " is not in the window " + Arrays.toString(Arrays.copyOf(sorted, count)));
        }
        // the entering value goes after its equals, as add puts it
        if (entering >= leaving) {
            while (at + 1 < count && sorted[at + 1] <= entering) {
                sorted[at] = sorted[at + 1];
                at++;
            }
        } else {
            while (at > 0 && sorted[at - 1] > entering) {
                sorted[at] = sorted[at - 1];
                at--;
            }
        }
        sorted[at] = entering;
    }

    int count() {
        return count;
    }

    double get(int index) {
        return sorted[index];
    }

    /** Number of values strictly below {@code x}. */
    int firstAtLeast(double x) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of values at or below {@code x}. */
    int firstAbove(double x) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
