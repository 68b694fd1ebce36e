package org.nautilus.risk.internal.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;

/**
 * Value at risk of a portfolio from recent bar returns. Research arithmetic in {@code double}: the inputs are
 * returns and the result is an estimate; the caller turns it into money at the end.
 *
 * <ul>
 *   <li>Scenarios: for each bar end time that every held instrument has, the portfolio's P&amp;L had today's
 *       exposures seen that bar's close-to-close return: {@code Σ exposure_i × r_i,t}. Co-movement between
 *       instruments is kept because each scenario is one historical moment.</li>
 *   <li>Historical simulation: the loss at the {@code 1 − confidence} empirical quantile of the scenarios
 *       (the {@code ⌈n(1−c)⌉}-th worst, no interpolation).</li>
 *   <li>Parametric (variance-covariance): {@code z_c × σ} of the same scenarios, mean assumed zero (the usual
 *       choice for a one-period horizon).</li>
 * </ul>
 */
public final class VarCalculator {

    /**
     * @param observations the number of scenarios
     * @param horizon      the bar interval the returns cover
     * @param historical   historical-simulation VaR, a loss as a positive number (negative: a gain even then)
     * @param parametric   parametric VaR
     */
    public record Result(int observations, Duration horizon, double historical, double parametric) {
    }

    private VarCalculator() {
    }

    /**
     * Computes both VaRs.
     *
     * @param exposures       signed exposure per instrument (quantity × mark × multiplier)
     * @param bars            recent closed bars per instrument, oldest first
     * @param window          use at most this many of the most recent scenarios
     * @param minObservations fewer scenarios than this give an empty result
     */
    public static Optional<Result> compute(Map<InstrumentId, Double> exposures, Map<InstrumentId, List<Bar>> bars,
            BigDecimal confidence, int window, int minObservations) {
        if (exposures.isEmpty()) {
            return Optional.of(new Result(0, Duration.ZERO, 0, 0));
        }
        Map<InstrumentId, Map<Instant, Double>> returns = new HashMap<>();
        TreeSet<Instant> common = null;
        Duration horizon = Duration.ZERO;
        for (InstrumentId id : exposures.keySet()) {
            List<Bar> series = bars.getOrDefault(id, List.of());
            Map<Instant, Double> r = returns(series);
            returns.put(id, r);
            if (common == null) {
                common = new TreeSet<>(r.keySet());
            } else {
                common.retainAll(r.keySet());
            }
            if (!series.isEmpty()) {
                horizon = series.get(series.size() - 1).interval();
            }
        }
        List<Instant> times = new ArrayList<>(common);
        if (times.size() > window) {
            times = times.subList(times.size() - window, times.size());
        }
        if (times.size() < Math.max(2, minObservations)) {
            return Optional.empty();
        }
        double[] pnl = new double[times.size()];
        for (int t = 0; t < pnl.length; t++) {
            double sum = 0;
            for (Map.Entry<InstrumentId, Double> e : exposures.entrySet()) {
                sum += e.getValue() * returns.get(e.getKey()).get(times.get(t));
            }
            pnl[t] = sum;
        }
        return Optional.of(new Result(pnl.length, horizon, historical(pnl, confidence), parametric(pnl, confidence)));
    }

    /** Close-to-close simple returns keyed by the later bar's end time. */
    static Map<Instant, Double> returns(List<Bar> series) {
        Map<Instant, Double> r = new HashMap<>();
        for (int i = 1; i < series.size(); i++) {
            BigDecimal previous = series.get(i - 1).close().toBigDecimal();
            if (previous.signum() > 0) {
                double ret = series.get(i).close().toBigDecimal().subtract(previous)
                        .divide(previous, 12, RoundingMode.HALF_EVEN).doubleValue();
                r.put(series.get(i).end(), ret);
            }
        }
        return r;
    }

    /** The loss at the empirical {@code 1 − confidence} quantile: the {@code ⌈n(1−c)⌉}-th worst scenario. */
    public static double historical(double[] pnl, BigDecimal confidence) {
        double[] sorted = pnl.clone();
        Arrays.sort(sorted);
        int tail = BigDecimal.ONE.subtract(confidence).multiply(BigDecimal.valueOf(sorted.length))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        int k = Math.min(Math.max(tail - 1, 0), sorted.length - 1);
        return -sorted[k];
    }

    /** {@code z_c × σ}, σ the sample standard deviation of the scenarios. */
    public static double parametric(double[] pnl, BigDecimal confidence) {
        double mean = 0;
        for (double v : pnl) {
            mean += v;
        }
        mean /= pnl.length;
        double ss = 0;
        for (double v : pnl) {
            ss += (v - mean) * (v - mean);
        }
        double sigma = Math.sqrt(ss / (pnl.length - 1));
        return inverseNormal(confidence.doubleValue()) * sigma;
    }

    /**
     * The standard normal quantile (inverse CDF) by Acklam's rational approximation: relative error below
     * 1.2e-9 in (0, 1), far finer than any VaR estimate needs.
     */
    public static double inverseNormal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("probability must be in (0, 1), got " + p);
        }
        final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                3.754408661907416e+00};
        double low = 0.02425;
        double x;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - low) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        return x;
    }
}
