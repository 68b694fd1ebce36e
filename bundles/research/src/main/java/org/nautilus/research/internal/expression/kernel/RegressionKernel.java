package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Slope}, {@code Rsquare} and {@code Resi} of the last N rows: the least-squares line of the non-NaN
 * values against time, one row = 1 (Qlib's {@code rolling_slope/rsquare/resi}). The x of a row is its index in
 * the series; only differences of x matter, so this is Qlib's "x = 1..N, newest N".
 *
 * <p>{@code Rsquare} is NaN where the window's standard deviation is within 2e-5 of 0 (Qlib masks it with
 * {@code np.isclose(std, 0, atol=2e-05)}); {@code Resi} is NaN when the newest value is NaN.
 */
public final class RegressionKernel implements Kernel.OfOne {

    /** Qlib's {@code np.isclose(std, 0, atol=2e-05)}. */
    static final double FLAT = 2e-5;

    private enum Output {
        SLOPE, RSQUARE, RESIDUAL
    }

    private final SlidingWindow window;
    private final CoMoments moments = new CoMoments();
    private final Output output;

    private RegressionKernel(int size, Output output) {
        this.window = new SlidingWindow(size);
        this.output = output;
    }

    public static RegressionKernel slope(int size) {
        return new RegressionKernel(size, Output.SLOPE);
    }

    public static RegressionKernel rSquare(int size) {
        return new RegressionKernel(size, Output.RSQUARE);
    }

    public static RegressionKernel residual(int size) {
        return new RegressionKernel(size, Output.RESIDUAL);
    }

    @Override
    public double update(double y) {
        if (window.full()) {
            double leaving = window.oldest();
            if (!Double.isNaN(leaving)) {
                moments.remove(window.rows() - window.size(), leaving);
            }
        }
        double x = window.rows();
        window.push(y);
        if (!Double.isNaN(y)) {
            moments.add(x, y);
        }
        if (window.rebuildDue() || moments.lostPrecision()) {
            moments.rebuild(null, x, window);
        }
        return switch (output) {
            case SLOPE -> moments.count() < 2 ? Double.NaN : moments.slope();
            case RSQUARE -> moments.deviationY() <= FLAT ? Double.NaN : moments.rSquared();
            case RESIDUAL -> {
                if (Double.isNaN(y) || moments.count() < 2) {
                    yield Double.NaN;
                }
                double slope = moments.slope();
                yield y - (moments.meanY() + slope * (x - moments.meanX()));
            }
        };
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }
}
