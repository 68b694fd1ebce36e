package org.nautilus.research.internal.stats;

import java.util.Arrays;

/**
 * Statistics over one cross-section (one date's instruments): a slice {@code [from, to)} of a column. NaN values
 * are skipped (not counted) and stay NaN. Used by dataset processing and by evaluation, so a rank is the same
 * rank everywhere.
 */
public final class CrossSection {

    /** The consistency constant that makes the MAD estimate σ for normal data. */
    public static final double MAD_TO_SIGMA = 1.4826;

    private CrossSection() {
    }

    /**
     * Ranks 1..n of the non-NaN values of {@code values[from, to)} into {@code out[0, to − from)}, ties sharing their
     * average rank (pandas {@code rank()}, scipy {@code rankdata}); NaN stays NaN.
     *
     * @return the number of non-NaN values
     */
    public static int averageRanks(double[] values, int from, int to, double[] out) {
        double[] sorted = new double[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                sorted[n++] = values[i];
            }
        }
        Arrays.sort(sorted, 0, n); // primitive sort; a value's rank comes from its run of equal values
        for (int i = from; i < to; i++) {
            double x = values[i];
            if (Double.isNaN(x)) {
                out[i - from] = Double.NaN;
                continue;
            }
            int first = lowerBound(sorted, n, x);
            int last = lowerBound(sorted, n, Math.nextUp(x)) - 1;
            out[i - from] = (first + last) / 2.0 + 1; // average of ranks first+1 .. last+1
        }
        return n;
    }

    /** First index in sorted[0, n) whose value is not below x. */
    private static int lowerBound(double[] sorted, int n, double x) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Percentile ranks in (0, 1]: average rank / count (pandas {@code rank(pct=True)}), in place. */
    public static void percentRank(double[] values, int from, int to) {
        double[] ranks = new double[to - from];
        int n = averageRanks(values, from, to, ranks);
        for (int i = from; i < to; i++) {
            values[i] = Double.isNaN(values[i]) ? Double.NaN : ranks[i - from] / n;
        }
    }

    /** (x − mean) / sample std in place; fewer than 2 values or std 0 give 0. */
    public static void zScore(double[] values, int from, int to) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                squares += (values[i] - mean) * (values[i] - mean);
            }
        }
        double std = n < 2 ? 0 : Math.sqrt(squares / (n - 1));
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                values[i] = std > 0 ? (values[i] - mean) / std : 0;
            }
        }
    }

    /**
     * (x − median) / (1.4826 · MAD), clipped to [−clip, clip], in place (Qlib's RobustZScoreNorm with
     * {@code clip_outlier}); MAD 0 gives 0.
     */
    public static void robustZScore(double[] values, int from, int to, double clip) {
        double[] present = present(values, from, to);
        if (present.length == 0) {
            return;
        }
        double median = median(present);
        for (int i = 0; i < present.length; i++) {
            present[i] = Math.abs(present[i] - median);
        }
        double scale = MAD_TO_SIGMA * median(present);
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                double z = scale > 0 ? (values[i] - median) / scale : 0;
                values[i] = Math.max(-clip, Math.min(clip, z));
            }
        }
    }

    /** NaN → value, in place. */
    public static void fill(double[] values, int from, int to, double value) {
        for (int i = from; i < to; i++) {
            if (Double.isNaN(values[i])) {
                values[i] = value;
            }
        }
    }

    /** The median of values (sorted in place), the mean of the middle two for an even count. */
    public static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double[] present(double[] values, int from, int to) {
        double[] present = new double[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(values[i])) {
                present[n++] = values[i];
            }
        }
        return Arrays.copyOf(present, n);
    }

    /**
     * Pearson correlation of the pairs where both x and y are numbers; NaN for fewer than 2 pairs or a constant
     * side.
     */
    public static double pearson(double[] x, double[] y, int from, int to) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                sx += x[i];
                sy += y[i];
                n++;
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }

    /** Spearman correlation: Pearson of average ranks, over the pairs where both are numbers. */
    public static double spearman(double[] x, double[] y, int from, int to) {
        double[] xs = Arrays.copyOfRange(x, from, to);
        double[] ys = Arrays.copyOfRange(y, from, to);
        for (int i = 0; i < xs.length; i++) {
            if (Double.isNaN(xs[i]) || Double.isNaN(ys[i])) {
                xs[i] = Double.NaN;
                ys[i] = Double.NaN;
            }
        }
        double[] rx = new double[xs.length];
        double[] ry = new double[ys.length];
        averageRanks(xs, 0, xs.length, rx);
        averageRanks(ys, 0, ys.length, ry);
        return pearson(rx, ry, 0, rx.length);
    }
}
