package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Corr(x, y, N)} and {@code Cov(x, y, N)} over the last N rows where both x and y have a value (pandas
 * pairs them first). Corr is NaN where either series' own rolling standard deviation is within 2e-5 of 0, as
 * Qlib masks it.
 */
public final class PairKernel implements Kernel.OfTwo {

    private final SlidingWindow xs;
    private final SlidingWindow ys;
    private final CoMoments pairs = new CoMoments();
    private final Moments xAlone;
    private final Moments yAlone;
    private final boolean correlation;

    private PairKernel(int size, boolean correlation) {
        this.xs = new SlidingWindow(size);
        this.ys = new SlidingWindow(size);
        this.correlation = correlation;
        this.xAlone = correlation ? new Moments() : null;
        this.yAlone = correlation ? new Moments() : null;
    }

    public static PairKernel correlation(int size) {
        return new PairKernel(size, true);
    }

    public static PairKernel covariance(int size) {
        return new PairKernel(size, false);
    }

    @Override
    public double update(double x, double y) {
        if (xs.full()) {
            double oldX = xs.oldest();
            double oldY = ys.oldest();
            if (!Double.isNaN(oldX) && !Double.isNaN(oldY)) {
                pairs.remove(oldX, oldY);
            }
            if (correlation) {
                xAlone.remove(oldX);
                yAlone.remove(oldY);
            }
        }
        xs.push(x);
        ys.push(y);
        if (!Double.isNaN(x) && !Double.isNaN(y)) {
            pairs.add(x, y);
        }
        boolean rebuild = xs.rebuildDue();
        if (rebuild || pairs.lostPrecision()) {
            pairs.rebuild(xs, Double.NaN, ys);
        }
        if (!correlation) {
            return pairs.covariance();
        }
        xAlone.add(x);
        yAlone.add(y);
        if (rebuild || xAlone.lostPrecision()) {
            xAlone.rebuild(xs);
        }
        if (rebuild || yAlone.lostPrecision()) {
            yAlone.rebuild(ys);
        }
        if (xAlone.deviation() <= RegressionKernel.FLAT || yAlone.deviation() <= RegressionKernel.FLAT) {
            return Double.NaN;
        }
        return pairs.correlation();
    }

    @Override
    public void updateColumn(double[] x, double[] y, double[] out, int rows) {
        for (int r = 0; r < rows; r++) {
            out[r] = update(x[r], y[r]);
        }
    }
}
