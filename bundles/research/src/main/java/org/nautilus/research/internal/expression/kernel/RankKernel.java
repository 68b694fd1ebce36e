package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Rank(x, N)}: the newest value's percentile rank among the non-NaN values of the last N rows, as pandas'
 * {@code roll_rank(pct=True)} computes it (ties get their average rank); NaN when the newest value is NaN.
 *
 * <p>The rank only needs how many values lie below and at the newest one, so it counts them in one pass over the
 * window (N comparisons without branches) instead of keeping the window sorted: cheaper for the windows factors
 * use, and the counts, hence the doubles, are the same.
 */
public final class RankKernel implements Kernel.OfOne {

    private final SlidingWindow window;

    public RankKernel(int size) {
        this.window = new SlidingWindow(size);
    }

    @Override
    public double update(double x) {
        window.push(x);
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double[] slots = window.slots();
        int filled = window.length();
        int below = 0;
        int atOrBelow = 0;
        int values = 0;
        for (int i = 0; i < filled; i++) {
            double v = slots[i];
            below += v < x ? 1 : 0; // NaN compares false: not counted
            atOrBelow += v <= x ? 1 : 0;
            values += v == v ? 1 : 0;
        }
        int lowest = below + 1;
        int highest = atOrBelow;
        return (lowest + highest) / 2.0 / values;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
