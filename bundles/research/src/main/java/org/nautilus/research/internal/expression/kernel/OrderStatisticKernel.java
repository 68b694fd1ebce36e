package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Quantile(x, N, q)} over the non-NaN values of the last N rows, as pandas' {@code roll_quantile} (linear
 * interpolation) computes it, from the window's values kept sorted. ({@code Rank}: {@link RankKernel}.)
 */
public final class OrderStatisticKernel implements Kernel.OfOne {

    private final SlidingWindow window;
    private final SortedWindow sorted;
    private final double q;

    private OrderStatisticKernel(int size, double q) {
        this.window = new SlidingWindow(size);
        this.sorted = new SortedWindow(size);
        this.q = q;
    }

    public static OrderStatisticKernel quantile(int size, double q) {
        return new OrderStatisticKernel(size, q);
    }

    @Override
    public double update(double x) {
        if (window.full()) {
            sorted.replace(window.oldest(), x);
        } else {
            sorted.add(x);
        }
        window.push(x);
        return quantile();
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
}
