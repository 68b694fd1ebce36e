package org.nautilus.research.internal.expression.kernel;

/**
 * Count, means, sums of squared deviations and the sum of co-deviations of (x, y) pairs in a window, with
 * Welford's updates for adds and removes. Centred sums keep their precision where raw sums of squares
 * (Σx², Σxy) would cancel, e.g. for prices far from 0 or a time axis that keeps growing.
 */
final class CoMoments {

    private int count;
    private double meanX;
    private double meanY;
    private double squaresX;
    private double squaresY;
    private double products;
    private double peakX;
    private double peakY;

    void add(double x, double y) {
        count++;
        double dx = x - meanX;
        meanX += dx / count;
        double dy = y - meanY;
        meanY += dy / count;
        squaresX += dx * (x - meanX);
        squaresY += dy * (y - meanY);
        products += dx * (y - meanY);
        peakX = Math.max(peakX, squaresX);
        peakY = Math.max(peakY, squaresY);
    }

    void remove(double x, double y) {
        count--;
        if (count == 0) {
            meanX = meanY = squaresX = squaresY = products = 0;
            return;
        }
        double dx = x - meanX;
        meanX -= dx / count;
        double dy = y - meanY;
        meanY -= dy / count;
        squaresX -= dx * (x - meanX);
        squaresY -= dy * (y - meanY);
        products -= dx * (y - meanY);
    }

    /** True when removes cancelled most of the digits of either sum of squares (see {@link Cancellation}). */
    boolean lostPrecision() {
        return squaresX < Cancellation.FACTOR * peakX || squaresY < Cancellation.FACTOR * peakY;
    }

    /**
     * Recomputes everything from scratch (two passes) over the window's rows where both values are present; x of
     * the row {@code age} rows old is {@code xs.ago(age)}, or {@code newestX - age} when {@code xs} is null (a time
     * axis).
     */
    void rebuild(SlidingWindow xs, double newestX, SlidingWindow ys) {
        count = 0;
        double sumX = 0;
        double sumY = 0;
        int rows = ys.length();
        for (int age = 0; age < rows; age++) {
            double x = xs == null ? newestX - age : xs.ago(age);
            double y = ys.ago(age);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                count++;
                sumX += x;
                sumY += y;
            }
        }
        meanX = count == 0 ? 0 : sumX / count;
        meanY = count == 0 ? 0 : sumY / count;
        squaresX = squaresY = products = 0;
        for (int age = 0; age < rows; age++) {
            double x = xs == null ? newestX - age : xs.ago(age);
            double y = ys.ago(age);
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                squaresX += (x - meanX) * (x - meanX);
                squaresY += (y - meanY) * (y - meanY);
                products += (x - meanX) * (y - meanY);
            }
        }
        peakX = squaresX;
        peakY = squaresY;
    }

    int count() {
        return count;
    }

    double meanX() {
        return meanX;
    }

    double meanY() {
        return meanY;
    }

    /** Least-squares slope of y on x; NaN with fewer than two distinct x. */
    double slope() {
        return products / squaresX;
    }

    /** Pearson correlation; NaN with fewer than two pairs. */
    double correlation() {
        return count < 2 ? Double.NaN : products / Math.sqrt(squaresX * squaresY);
    }

    /** Sample covariance (n-1); NaN with fewer than two pairs. */
    double covariance() {
        return count < 2 ? Double.NaN : products / (count - 1);
    }

    /** R² of the regression of y on x; NaN with fewer than two pairs. */
    double rSquared() {
        return count < 2 ? Double.NaN : products / squaresX * (products / squaresY);
    }

    /** Sample standard deviation of y (n-1); NaN with fewer than two pairs. */
    double deviationY() {
        return count < 2 ? Double.NaN : Math.sqrt(Math.max(0.0, squaresY) / (count - 1));
    }
}
