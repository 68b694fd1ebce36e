package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Quantile(x, N, q)} and {@code Rank(x, N)} over the non-NaN values of the last N rows, as pandas'
 * {@code roll_quantile} (linear interpolation) and {@code roll_rank(pct=True)} (ties get their average rank)
 * compute them. Rank is NaN when the newest value is NaN.
 */
public final class OrderStatisticKernel implements Kernel.OfOne {

    private final SlidingWindow window;
    private final SortedWindow sorted;
    private final double q;
    private final boolean rank;

    private OrderStatisticKernel(int size, double q, boolean rank) {
        this.window = new SlidingWindow(size);
        this.sorted = new SortedWindow(size);
        this.q = q;
        this.rank = rank;
    }

    public static OrderStatisticKernel quantile(int size, double q) {
        return new OrderStatisticKernel(size, q, false);
    }

    public static OrderStatisticKernel rank(int size) {
        return new OrderStatisticKernel(size, Double.NaN, true);
    }

    @Override
    public double update(double x) {
        if (window.full()) {
            sorted.remove(window.oldest());
        }
        window.push(x);
        sorted.add(x);
        return rank ? rank(x) : quantile();
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }

    private double quantile() {
        int n = sorted.count();
        if (n == 0) {
            return Double.NaN;
        }
        if (n == 1) {
            return sorted.get(0);
        }
        double position = q * (n - 1);
        int below = (int) position;
        if (position == below) {
            return sorted.get(below);
        }
        double low = sorted.get(below);
        double high = sorted.get(below + 1);
        return low + (high - low) * (position - below);
    }

    private double rank(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        int lowest = sorted.firstAtLeast(x) + 1;
        int highest = sorted.firstAbove(x);
        return (lowest + highest) / 2.0 / sorted.count();
    }
}
