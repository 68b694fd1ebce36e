package org.nautilus.strategy.internal.analytics;

/**
 * Beta and alpha of a run against a benchmark series (an instrument's price at each point of the equity curve), by
 * ordinary least squares of the run's simple returns on the benchmark's: beta = cov(r, b) / var(b) (both sample, so
 * n − 1 cancels), alpha = (mean(r) − beta × mean(b)) × periods per year (annualised simply, no risk-free rate).
 * NaN when there are fewer than two returns or the benchmark does not move.
 */
public final class Benchmark {

    /** The two figures. */
    public record BetaAlpha(double beta, double alpha) {
    }

    private Benchmark() {
    }

    /**
     * @param equity         the run's equity at each point
     * @param benchmark      the benchmark's price at the same points
     * @param periodsPerYear points per year
     */
    public static BetaAlpha of(double[] equity, double[] benchmark, double periodsPerYear) {
        if (equity.length != benchmark.length) {
            throw new IllegalArgumentException("the benchmark needs a price at each of the " + equity.length
                    + " points of the equity curve, got " + benchmark.length);
        }
        double[] r = Performance.returns(equity);
        double[] b = Performance.returns(benchmark);
        if (r.length < 2) {
            return new BetaAlpha(Double.NaN, Double.NaN);
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
            return new BetaAlpha(Double.NaN, Double.NaN);
        }
        double beta = covariance / variance;
        return new BetaAlpha(beta, (meanR - beta * meanB) * periodsPerYear);
    }
}
