package org.nautilus.research.internal.expression.kernel;

/**
 * Count, mean and sum of squared deviations of the non-NaN values in a window, kept with Welford's updates
 * (adds and removes, Kahan-compensated mean) as pandas' {@code roll_var} keeps them; a window whose values are
 * all equal has a variance of exactly 0.
 */
final class Moments {

    private int count;
    private double mean;
    private double squares;
    private double compensation;
    private double peakSquares;
    private int sameRun;
    private double lastAdded = Double.NaN;

    void add(double x) {
        if (Double.isNaN(x)) {
            return;
        }
        count++;
        sameRun = x == lastAdded ? sameRun + 1 : 1;
        lastAdded = x;
        double previousMean = mean - compensation;
        double y = x - compensation;
        double t = y - mean;
        compensation = t + mean - y;
        mean = mean + t / count;
        squares = squares + (x - previousMean) * (x - mean);
        peakSquares = Math.max(peakSquares, squares);
    }

    void remove(double x) {
        if (Double.isNaN(x)) {
            return;
        }
        count--;
        if (count == 0) {
            mean = 0;
            squares = 0;
            compensation = 0;
            return;
        }
        double previousMean = mean - compensation;
        double y = x - compensation;
        double t = y - mean;
        compensation = t + mean - y;
        mean = mean - t / count;
        squares = squares - (x - previousMean) * (x - mean);
    }

    /**
     * True when the squared deviations fell below {@value Cancellation#FACTOR} of their peak since the last rebuild:
     * removes then cancelled most of the digits, and the values left should be summed again.
     */
    boolean lostPrecision() {
        return squares < Cancellation.FACTOR * peakSquares;
    }

    /** Recomputes count, mean and squared deviations of the window's values from scratch (two passes). */
    void rebuild(SlidingWindow window) {
        count = 0;
        double sum = 0;
        for (int age = 0; age < window.length(); age++) {
            double x = window.ago(age);
            if (!Double.isNaN(x)) {
                count++;
                sum += x;
            }
        }
        mean = count == 0 ? 0 : sum / count;
        squares = 0;
        for (int age = 0; age < window.length(); age++) {
            double x = window.ago(age);
            if (!Double.isNaN(x)) {
                squares += (x - mean) * (x - mean);
            }
        }
        compensation = 0;
        peakSquares = squares;
    }

    int count() {
        return count;
    }

    /** Sample variance (n-1), NaN with fewer than two values, never negative. */
    double variance() {
        if (count < 2) {
            return Double.NaN;
        }
        if (sameRun >= count) {
            return 0.0;
        }
        return Math.max(0.0, squares / (count - 1));
    }

    /** Sample standard deviation (n-1), NaN with fewer than two values. */
    double deviation() {
        return Math.sqrt(variance());
    }
}
