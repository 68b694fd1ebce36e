package org.nautilus.research.internal.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Error measures of predictions against actual values on held-out rows, and the same for the naive baseline
 * that always predicts the training mean (so a reader sees at a glance whether the model beats it).
 */
public final class HoldoutMetrics {

    public static final String RMSE = "rmse";
    public static final String MAE = "mae";
    public static final String CORRELATION = "correlation";
    public static final String DIRECTION_ACCURACY = "direction-accuracy";
    public static final String BASELINE_RMSE = "baseline-rmse";
    public static final String BASELINE_MAE = "baseline-mae";
    public static final String BASELINE_DIRECTION_ACCURACY = "baseline-direction-accuracy";

    private HoldoutMetrics() {
    }

    /**
     * @param predicted    the model's predictions
     * @param actual       the true targets, same length
     * @param trainingMean the mean target of the training rows (the baseline's constant prediction)
     */
    public static Map<String, Double> of(double[] predicted, double[] actual, double trainingMean) {
        double[] baseline = new double[actual.length];
        java.util.Arrays.fill(baseline, trainingMean);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(RMSE, rmse(predicted, actual));
        metrics.put(MAE, mae(predicted, actual));
        metrics.put(CORRELATION, correlation(predicted, actual));
        metrics.put(DIRECTION_ACCURACY, directionAccuracy(predicted, actual));
        metrics.put(BASELINE_RMSE, rmse(baseline, actual));
        metrics.put(BASELINE_MAE, mae(baseline, actual));
        metrics.put(BASELINE_DIRECTION_ACCURACY, directionAccuracy(baseline, actual));
        return metrics;
    }

    static double rmse(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = predicted[i] - actual[i];
            sum += error * error;
        }
        return Math.sqrt(sum / actual.length);
    }

    static double mae(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(predicted[i] - actual[i]);
        }
        return sum / actual.length;
    }

    /** Pearson correlation; NaN when either side is constant (no correlation is defined). */
    public static double correlation(double[] x, double[] y) {
        int n = x.length;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            meanX += x[i];
            meanY += y[i];
        }
        meanX /= n;
        meanY /= n;
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - meanX;
            double dy = y[i] - meanY;
            covariance += dx * dy;
            varianceX += dx * dx;
            varianceY += dy * dy;
        }
        if (varianceX == 0 || varianceY == 0) {
            return Double.NaN;
        }
        return covariance / Math.sqrt(varianceX * varianceY);
    }

    /**
     * The share of rows whose predicted sign matches the actual sign, over the rows that moved (an actual of
     * exactly 0 has no direction). NaN if no row moved.
     */
    static double directionAccuracy(double[] predicted, double[] actual) {
        int counted = 0;
        int right = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == 0) {
                continue;
            }
            counted++;
            if (Math.signum(predicted[i]) == Math.signum(actual[i])) {
                right++;
            }
        }
        return counted == 0 ? Double.NaN : (double) right / counted;
    }
}
