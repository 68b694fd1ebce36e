package org.nautilus.research.internal.expression.kernel;

/** {@code Sum(x, N)} or {@code Mean(x, N)} over the non-NaN values of the last N rows. */
public final class SumKernel implements Kernel.OfOne {

    private final SlidingWindow window;
    private final KahanSum sum = new KahanSum();
    private final boolean mean;

    private SumKernel(int size, boolean mean) {
        this.window = new SlidingWindow(size);
        this.mean = mean;
    }

    public static SumKernel sum(int size) {
        return new SumKernel(size, false);
    }

    public static SumKernel mean(int size) {
        return new SumKernel(size, true);
    }

    @Override
    public double update(double x) {
        if (window.full()) {
            sum.remove(window.oldest());
        }
        window.push(x);
        sum.add(x);
        if (window.rebuildDue()) {
            sum.rebuild(window);
        }
        return mean ? sum.mean() : sum.sum();
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
