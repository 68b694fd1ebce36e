package org.nautilus.research.internal.expression.kernel;

/**
 * {@code EMA(x, span)}: pandas' {@code ewm(span=span, min_periods=1).mean()} (adjusted weights, NaNs keep
 * their place: the older values' weights decay across them). It depends on the whole history, so a stream and
 * a batch agree when they start from the same first row.
 */
public final class EmaKernel implements Kernel.OfOne {

    private final double decay;
    private double average = Double.NaN;
    private double oldWeight = 1.0;

    public EmaKernel(int span) {
        if (span < 1) {
            throw new IllegalArgumentException("EMA span must be at least 1, got " + span);
        }
        this.decay = 1.0 - 2.0 / (span + 1.0);
    }

    @Override
    public double update(double x) {
        boolean observed = !Double.isNaN(x);
        if (Double.isNaN(average)) {
            if (observed) {
                average = x; // the first value; oldWeight is still 1
            }
            return average;
        }
        oldWeight *= decay;
        if (observed) {
            if (average != x) {
                average = (oldWeight * average + x) / (oldWeight + 1.0);
            }
            oldWeight += 1.0;
        }
        return average;
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
