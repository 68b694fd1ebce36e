package org.nautilus.strategy.internal.analytics;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Beta and alpha of a run against a benchmark series (an instrument's price at each point of the equity curve), by
 * ordinary least squares of the run's simple returns on the benchmark's: beta = cov(r, b) / var(b) (both sample, so
 * n − 1 cancels), alpha = (mean(r) − beta × mean(b)) × periods per year (annualised simply, no risk-free rate). The
 * one computation of both backtests and live tearsheets. Points where the benchmark has no price yet are left out.
 * NaN when fewer than three points remain (two returns) or the benchmark does not move.
 */
public final class Benchmark {

    /**
     * The two figures.
     *
     * @param points the points of the curve they were computed over (those where the benchmark had a price)
     */
    public record BetaAlpha(double beta, double alpha, int points) {
    }

    private Benchmark() {
    }

    /**
     * @param equity         the run's equity at each point
     * @param benchmark      the benchmark's price at the same points, NaN where it had none
     * @param periodsPerYear points per year
     */
    public static BetaAlpha of(double[] equity, double[] benchmark, double periodsPerYear) {
        if (equity.length != benchmark.length) {
            throw new IllegalArgumentException("the benchmark needs a price at each of the " + equity.length
                    + " points of the equity curve, got " + benchmark.length);
        }
        int[] priced = IntStream.range(0, benchmark.length).filter(i -> !Double.isNaN(benchmark[i]))
                .toArray();
        double[] r = Performance.returns(Arrays.stream(priced).mapToDouble(i -> equity[i]).toArray());
        double[] b = Performance.returns(Arrays.stream(priced).mapToDouble(i -> benchmark[i]).toArray());
        if (r.length < 2) {
            return new BetaAlpha(Double.NaN, Double.NaN, priced.length);
        }
        double meanR = Performance.mean(r);
        double meanB = Performance.mean(b);
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < r.length; i++) {
            covariance += (r[i] - meanR) * (b[i] - meanB);
            variance += (b[i] - meanB) * (b[i] - meanB);
        }
        if (variance == 0) {
            return new BetaAlpha(Double.NaN, Double.NaN, priced.length);
        }
        double beta = covariance / variance;
        return new BetaAlpha(beta, (meanR - beta * meanB) * periodsPerYear, priced.length);
    }
}
