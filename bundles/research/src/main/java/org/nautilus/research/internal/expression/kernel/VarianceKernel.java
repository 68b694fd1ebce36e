package org.nautilus.research.internal.expression.kernel;

/** {@code Var(x, N)} or {@code Std(x, N)}: sample statistics (n-1) of the non-NaN values of the last N rows. */
public final class VarianceKernel implements Kernel.OfOne {

    private final SlidingWindow window;
    private final Moments moments = new Moments();
    private final boolean deviation;

    private VarianceKernel(int size, boolean deviation) {
        this.window = new SlidingWindow(size);
        this.deviation = deviation;
    }

    public static VarianceKernel variance(int size) {
        return new VarianceKernel(size, false);
    }

    public static VarianceKernel deviation(int size) {
        return new VarianceKernel(size, true);
    }

    @Override
    public double update(double x) {
        if (window.full()) {
            moments.remove(window.oldest());
        }
        window.push(x);
        moments.add(x);
        if (window.rebuildDue() || moments.lostPrecision()) {
            moments.rebuild(window);
        }
        return deviation ? moments.deviation() : moments.variance();
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
