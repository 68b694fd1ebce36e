package org.nautilus.research.internal.expression.kernel;

/**
 * {@code Corr(x, y, N)} and {@code Cov(x, y, N)} over the last N rows where both x and y have a value (pandas
 * pairs them first). Corr is NaN where either series' own rolling standard deviation is within 2e-5 of 0, as
 * Qlib masks it.
 *
 * <p>That standard deviation is {@code Std(x, N)}: where the program computes it anyway (Alpha158's STD20 and CORR20
 * of {@code $close}), the graph gives the correlation that node's value as a third input
 * ({@link #correlationSharing}) instead of this kernel keeping the same moments a second time. The same
 * {@link Moments} updated in the same order over the same window: the same double.
 */
public final class PairKernel implements Kernel.OfTwo {

    /** Which input's deviation comes from the program's {@code Std} node. */
    public enum Shared {
        NONE, LEFT, RIGHT
    }

    private final SlidingWindow xs;
    private final SlidingWindow ys;
    private final CoMoments pairs = new CoMoments();
    private final Moments xAlone;
    private final Moments yAlone;
    private final boolean correlation;

    private PairKernel(int size, boolean correlation, Shared shared) {
        this.xs = new SlidingWindow(size);
        this.ys = new SlidingWindow(size);
        this.correlation = correlation;
        this.xAlone = correlation && shared != Shared.LEFT ? new Moments() : null;
        this.yAlone = correlation && shared != Shared.RIGHT ? new Moments() : null;
    }

    public static PairKernel correlation(int size) {
        return new PairKernel(size, true, Shared.NONE);
    }

    public static PairKernel covariance(int size) {
        return new PairKernel(size, false, Shared.NONE);
    }

    /**
     * {@code Corr(x, y, N)} of inputs (x, y, s), s being {@code Std(x, N)} ({@link Shared#LEFT}) or
     * {@code Std(y, N)} ({@link Shared#RIGHT}) computed by the program's own node.
     */
    public static Kernel.OfThree correlationSharing(int size, Shared shared) {
        if (shared == Shared.NONE) {
            throw new IllegalArgumentException("a shared correlation shares the deviation of its left or right input");
        }
        return new SharingDeviation(new PairKernel(size, true, shared));
    }

    @Override
    public double update(double x, double y) {
        return update(x, y, Double.NaN);
    }

    /** One row; {@code deviation} is the shared input's rolling deviation (ignored when nothing is shared). */
    private double update(double x, double y, double deviation) {
        if (xs.full()) {
            double oldX = xs.oldest();
            double oldY = ys.oldest();
            if (!Double.isNaN(oldX) && !Double.isNaN(oldY)) {
                pairs.remove(oldX, oldY);
            }
            if (xAlone != null) {
                xAlone.remove(oldX);
            }
            if (yAlone != null) {
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
        double deviationX = deviation;
        double deviationY = deviation;
        if (xAlone != null) {
            xAlone.add(x);
            if (rebuild || xAlone.lostPrecision()) {
                xAlone.rebuild(xs);
            }
            deviationX = xAlone.deviation();
        }
        if (yAlone != null) {
            yAlone.add(y);
            if (rebuild || yAlone.lostPrecision()) {
                yAlone.rebuild(ys);
            }
            deviationY = yAlone.deviation();
        }
        if (deviationX <= RegressionKernel.FLAT || deviationY <= RegressionKernel.FLAT) {
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

    /** The correlation with one input's deviation given (the program's {@code Std} node). */
    static final class SharingDeviation implements Kernel.OfThree {

        private final PairKernel pair;

        private SharingDeviation(PairKernel pair) {
            this.pair = pair;
        }

        @Override
        public double update(double x, double y, double deviation) {
            return pair.update(x, y, deviation);
        }

        @Override
        public void updateColumn(double[] x, double[] y, double[] deviation, double[] out, int rows) {
            for (int r = 0; r < rows; r++) {
                out[r] = pair.update(x[r], y[r], deviation[r]);
            }
        }
    }
}
