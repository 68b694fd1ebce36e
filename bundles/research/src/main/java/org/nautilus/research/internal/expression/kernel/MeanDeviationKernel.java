package org.nautilus.research.internal.expression.kernel;

/**
 * {@code MeanDev(x, N)}: the mean of |value - mean| over the non-NaN values of the last N rows, where the mean is
 * the window's own (TA-Lib's CCI denominator). Every term moves with the mean, so each row costs O(N): no running
 * form exists; the windows of CCI are short (20 bars).
 */
public final class MeanDeviationKernel implements Kernel.OfOne {

    private final SlidingWindow window;

    public MeanDeviationKernel(int size) {
        this.window = new SlidingWindow(size);
    }

    @Override
    public double update(double x) {
        window.push(x);
        int length = window.length();
        double sum = 0;
        int count = 0;
        for (int age = length - 1; age >= 0; age--) { // oldest first
            double v = window.ago(age);
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        double deviations = 0;
        for (int age = length - 1; age >= 0; age--) {
            double v = window.ago(age);
            if (!Double.isNaN(v)) {
                deviations += Math.abs(v - mean);
            }
        }
        return deviations / count;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
