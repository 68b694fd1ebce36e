package org.nautilus.research.internal.expression.kernel;

/** {@code Ref(x, periods)}: the input of {@code periods} rows ago, NaN before there was one (pandas {@code shift}). */
public final class ShiftKernel implements Kernel.OfOne {

    private final SlidingWindow window;

    public ShiftKernel(int periods) {
        if (periods < 1) {
            throw new IllegalArgumentException("shift by at least 1 row, got " + periods);
        }
        this.window = new SlidingWindow(periods);
    }

    @Override
    public double update(double x) {
        double out = window.full() ? window.oldest() : Double.NaN;
        window.push(x);
        return out;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
