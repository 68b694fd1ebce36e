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

    void add(double x, double y) {
        count++;
        double dx = x - meanX;
        meanX += dx / count;
        double dy = y - meanY;
        meanY += dy / count;
        squaresX += dx * (x - meanX);
        squaresY += dy * (y - meanY);
        products += dx * (y - meanY);
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
