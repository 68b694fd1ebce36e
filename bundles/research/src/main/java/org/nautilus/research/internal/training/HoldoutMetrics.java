package org.nautilus.research.internal.training;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nautilus.research.internal.stats.CrossSection;

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

    public static final String ACCURACY = "accuracy";
    public static final String AUC = "auc";
    public static final String LOG_LOSS = "log-loss";
    public static final String BASELINE_ACCURACY = "baseline-accuracy";
    public static final String BASELINE_LOG_LOSS = "baseline-log-loss";
    /** Probabilities are clipped to [EPSILON, 1 - EPSILON] in the log-loss (scikit-learn's default clip is 1e-15). */
    static final double EPSILON = 1e-15;

    private HoldoutMetrics() {
    }

    /**
     * @param predicted    the model's predictions
     * @param actual       the true targets, same length
     * @param trainingMean the mean target of the training rows (the baseline's constant prediction)
     */
    public static Map<String, Double> of(double[] predicted, double[] actual, double trainingMean) {
        double[] baseline = new double[actual.length];
        Arrays.fill(baseline, trainingMean);
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

    /**
     * A direction classifier measured on held-out rows: up means an actual return above 0. Accuracy calls up when
     * P(up) is above 0.5; AUC is the Mann-Whitney probability that an up row scores above a down row (ties count
     * half; NaN when the rows are all one class); log-loss is the mean of {@code -ln p} of the true class. The
     * baseline always says the training rows' share of up.
     *
     * @param probabilityUp the model's P(up) per row
     * @param trainingUp    the share of training rows that went up
     */
    public static Map<String, Double> ofDirection(double[] probabilityUp, double[] actual, double trainingUp) {
        double[] baseline = new double[actual.length];
        Arrays.fill(baseline, trainingUp);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(ACCURACY, accuracy(probabilityUp, actual));
        metrics.put(AUC, auc(probabilityUp, actual));
        metrics.put(LOG_LOSS, logLoss(probabilityUp, actual));
        metrics.put(BASELINE_ACCURACY, accuracy(baseline, actual));
        metrics.put(BASELINE_LOG_LOSS, logLoss(baseline, actual));
        return metrics;
    }

    static double accuracy(double[] probabilityUp, double[] actual) {
        int right = 0;
        for (int i = 0; i < actual.length; i++) {
            if ((probabilityUp[i] > 0.5) == (actual[i] > 0)) {
                right++;
            }
        }
        return (double) right / actual.length;
    }

    static double auc(double[] probabilityUp, double[] actual) {
        double[] ranks = new double[actual.length];
        CrossSection.averageRanks(probabilityUp, 0, probabilityUp.length, ranks);
        double upRanks = 0;
        long up = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] > 0) {
                upRanks += ranks[i];
                up++;
            }
        }
        long down = actual.length - up;
        if (up == 0 || down == 0) {
            return Double.NaN;
        }
        return (upRanks - up * (up + 1) / 2.0) / ((double) up * down);
    }

    static double logLoss(double[] probabilityUp, double[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilityUp[i]));
            sum -= actual[i] > 0 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / actual.length;
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
