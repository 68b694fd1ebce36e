package org.nautilus.research.internal.expression.kernel;

/**
 * A running sum of the non-NaN values in a window, with Kahan compensation for adds and removes, and the run
 * of equal values most recently added (so a window of identical values gives exactly that value's sum and
 * mean, as pandas' {@code roll_sum}/{@code roll_mean} do).
 */
final class KahanSum {

    private double sum;
    private double compensation;
    private int count;
    private int sameRun;
    private double lastAdded = Double.NaN;

    void add(double x) {
        if (Double.isNaN(x)) {
            return;
        }
        count++;
        sameRun = x == lastAdded ? sameRun + 1 : 1;
        lastAdded = x;
        accumulate(x);
    }

    void remove(double x) {
        if (Double.isNaN(x)) {
            return;
        }
        count--;
        accumulate(-x);
    }

    private void accumulate(double x) {
        double y = x - compensation;
        double t = sum + y;
        compensation = (t - sum) - y;
        sum = t;
    }

    /** Recomputes the sum of the window's values from scratch (the run of equal values is unchanged). */
    void rebuild(SlidingWindow window) {
        sum = 0;
        compensation = 0;
        count = 0;
        for (int age = window.length() - 1; age >= 0; age--) {
            double x = window.ago(age);
            if (!Double.isNaN(x)) {
                count++;
                accumulate(x);
            }
        }
    }

    int count() {
        return count;
    }

    /** The sum, NaN for a window without values. */
    double sum() {
        if (count == 0) {
            return Double.NaN;
        }
        return allEqual() ? lastAdded * count : sum;
    }

    /** The mean, NaN for a window without values. */
    double mean() {
        if (count == 0) {
            return Double.NaN;
        }
        return allEqual() ? lastAdded : sum / count;
    }

    private boolean allEqual() {
        return sameRun >= count;
    }
}
