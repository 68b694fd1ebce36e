package org.nautilus.research.internal.expression.kernel;

/**
 * {@code WMA(x, N)} as Qlib computes it: over the window's n rows (fewer at the start) the weights 1..n, newest
 * heaviest, normalised to sum to 1, then numpy's {@code nanmean(w * x)} — the weighted values' mean over the
 * rows that have a value (so the weighted sum is divided by that count once more; that is Qlib's definition).
 *
 * <p>Kept with two running sums: Σx and Σ(position × x); when the window slides every position drops by one,
 * which takes Σx off the weighted sum.
 */
public final class WeightedMeanKernel implements Kernel.OfOne {

    private final SlidingWindow window;
    private double sum;
    private double weighted;
    private int values;

    public WeightedMeanKernel(int size) {
        this.window = new SlidingWindow(size);
    }

    @Override
    public double update(double x) {
        if (window.full()) {
            double leaving = window.oldest();
            if (!Double.isNaN(leaving)) {
                sum -= leaving;
                values--;
            }
            weighted -= sum + (Double.isNaN(leaving) ? 0.0 : leaving);
        }
        window.push(x);
        int n = window.length();
        if (!Double.isNaN(x)) {
            sum += x;
            weighted += n * x;
            values++;
        }
        if (window.rebuildDue()) {
            rebuild(n);
        }
        if (values == 0) {
            return Double.NaN;
        }
        double totalWeight = n * (n + 1) / 2.0;
        return weighted / totalWeight / values;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }

    /** Recomputes both sums from the window (newest at position n). */
    private void rebuild(int n) {
        sum = 0;
        weighted = 0;
        values = 0;
        for (int age = 0; age < n; age++) {
            double x = window.ago(age);
            if (!Double.isNaN(x)) {
                sum += x;
                weighted += (n - age) * x;
                values++;
            }
        }
    }
}
