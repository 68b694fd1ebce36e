package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Cumsum(x)}: the plain running sum from the first row (TA-Lib's OBV adds the same way); NaN inputs add
 * nothing, and it is NaN until the first value.
 */
public final class CumulativeSumKernel implements Kernel.OfOne {

    private double sum = Double.NaN;

    @Override
    public double update(double x) {
        if (!Double.isNaN(x)) {
            sum = Double.isNaN(sum) ? x : sum + x;
        }
        return sum;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
