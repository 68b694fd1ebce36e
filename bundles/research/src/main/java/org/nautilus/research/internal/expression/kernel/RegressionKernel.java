package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Slope}, {@code Rsquare} and {@code Resi} of the last N rows: the least-squares line of the non-NaN
 * values against time, one row = 1 (Qlib's {@code rolling_slope/rsquare/resi}). The x of a row is its index in
 * the series; only differences of x matter, so this is Qlib's "x = 1..N, newest N".
 *
 * <p>{@code Rsquare} is NaN where the window's standard deviation is within 2e-5 of 0 (Qlib masks it with
 * {@code np.isclose(std, 0, atol=2e-05)}); {@code Resi} is NaN when the newest value is NaN.
 *
 * <p>The three are the same sums read three ways: where a program asks for more than one of them over one series
 * and window, {@link #shared} keeps one set of sums for all of them (the values are the very doubles the separate
 * kernels give: the same sums, the same formulas).
 */
public final class RegressionKernel implements Kernel.OfOne {

    /** Qlib's {@code np.isclose(std, 0, atol=2e-05)}. */
    static final double FLAT = 2e-5;

    /** The outputs, in the order of a {@link #shared} kernel's targets. */
    public enum Output {
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

    /**
     * Slope, Rsquare and Resi of one series and window from one set of sums: target k is {@link Output} k's
     * ({@code -1} for an output nobody reads).
     */
    public static Kernel.Fanout shared(int size) {
        return new Shared(size);
    }

    @Override
    public double update(double y) {
        double x = advance(y);
        return switch (output) {
            case SLOPE -> slope();
            case RSQUARE -> rSquare();
            case RESIDUAL -> residual(x, y);
        };
    }

    @Override
    public void updateColumn(double[] x, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r]);
        }
    }

    /** Moves the window and its sums on to the next row, whose value is {@code y}; returns that row's x. */
    private double advance(double y) {
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
        return x;
    }

    private double slope() {
        return moments.count() < 2 ? Double.NaN : moments.slope();
    }

    private double rSquare() {
        return moments.deviationY() <= FLAT ? Double.NaN : moments.rSquared();
    }

    /** The newest row's residual; x and y are that row's. */
    private double residual(double x, double y) {
        if (Double.isNaN(y) || moments.count() < 2) {
            return Double.NaN;
        }
        double slope = moments.slope();
        return y - (moments.meanY() + slope * (x - moments.meanX()));
    }

    /** One window's sums, each row read as every output asked for. */
    private static final class Shared implements Kernel.Fanout {

        private final RegressionKernel sums;

        Shared(int size) {
            this.sums = new RegressionKernel(size, Output.SLOPE); // its own output is never read here
        }

        @Override
        public void update(double y, double[] values, int[] targets) {
            double x = sums.advance(y);
            if (targets[0] >= 0) {
                values[targets[0]] = sums.slope();
            }
            if (targets[1] >= 0) {
                values[targets[1]] = sums.rSquare();
            }
            if (targets[2] >= 0) {
                values[targets[2]] = sums.residual(x, y);
            }
        }

        @Override
        public void updateColumns(double[] ys, double[][] outs, int rows) {
            double[] slope = outs[0];
            double[] rSquare = outs[1];
            double[] residual = outs[2];
            for (int r = 0; r < rows; r++) {
                double y = ys[r];
                double x = sums.advance(y);
                if (slope != null) {
                    slope[r] = sums.slope();
                }
                if (rSquare != null) {
                    rSquare[r] = sums.rSquare();
                }
                if (residual != null) {
                    residual[r] = sums.residual(x, y);
                }
            }
        }
    }
}
