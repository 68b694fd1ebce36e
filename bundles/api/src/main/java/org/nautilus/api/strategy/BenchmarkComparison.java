package org.nautilus.api.strategy;

import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * How a run's returns move with a benchmark's: the ordinary least squares fit of the run's simple returns per period
 * of its equity curve on the benchmark's over the same periods, beta = cov(r, b) / var(b), alpha = (mean(r) − beta ×
 * mean(b)) × periods per year (annualised simply, no risk-free rate). Both are NaN when fewer than three points of
 * the curve have a benchmark price, or the benchmark does not move.
 *
 * @param benchmark the benchmark instrument
 * @param points    the points of the equity curve at which the benchmark had a price (those fitted)
 * @param beta      the slope
 * @param alpha     the intercept, a year's worth
 * @since 1.5
 */
public record BenchmarkComparison(InstrumentId benchmark, int points, double beta, double alpha) {

    public BenchmarkComparison {
        Objects.requireNonNull(benchmark, "benchmark");
        if (points < 0) {
            throw new IllegalArgumentException("points must not be negative, got " + points);
        }
    }
}
