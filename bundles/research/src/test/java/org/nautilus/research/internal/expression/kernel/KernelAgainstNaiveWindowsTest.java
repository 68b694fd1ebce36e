package org.nautilus.research.internal.expression.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rolling kernel against a naive recomputation of each window from scratch, over a long generated series
 * (a seeded random walk far from 0, with NaN runs and repeated values): the incremental state must not drift
 * over 20,000 rows. Tolerance 1e-9, relative above 1.
 */
class KernelAgainstNaiveWindowsTest {

    private static final int ROWS = 20_000;

    private static double[] series(long seed) {
        Random random = new Random(seed);
        double[] xs = new double[ROWS];
        double level = 500;
        for (int i = 0; i < ROWS; i++) {
            level *= Math.exp(random.nextGaussian() * 0.02);
            double x = Math.round(level * 100) / 100.0; // cents: ties happen
            if (random.nextInt(40) == 0) {
                x = Double.NaN;
            }
            if (i % 1000 >= 990) {
                x = Double.NaN; // a run of NaNs longer than the short windows
            }
            if (i % 1000 >= 700 && i % 1000 < 720) {
                x = 450; // flat stretch: std 0, Rsquare and Corr masked
            }
            xs[i] = x;
        }
        return xs;
    }

    private record Case(String name, IntFunction<Kernel.OfOne> kernel, Naive naive) {
    }

    @FunctionalInterface
    private interface Naive {
        /** The value for the window {@code values} (oldest first, NaNs kept) whose first row is {@code first}. */
        double of(double[] values, int first);
    }

    private static double[] present(double[] window) {
        return Arrays.stream(window).filter(v -> !Double.isNaN(v)).toArray();
    }

    private static final List<Case> CASES = List.of(
            new Case("Mean", SumKernel::mean, (w, f) -> {
                double[] p = present(w);
                return p.length == 0 ? Double.NaN : Arrays.stream(p).sum() / p.length;
            }),
            new Case("Sum", SumKernel::sum, (w, f) -> {
                double[] p = present(w);
                return p.length == 0 ? Double.NaN : Arrays.stream(p).sum();
            }),
            new Case("Var", VarianceKernel::variance, (w, f) -> variance(present(w))),
            new Case("Std", VarianceKernel::deviation, (w, f) -> Math.sqrt(variance(present(w)))),
            new Case("Max", ExtremumKernel::max, (w, f) -> {
                double[] p = present(w);
                return p.length == 0 ? Double.NaN : Arrays.stream(p).max().getAsDouble();
            }),
            new Case("Min", ExtremumKernel::min, (w, f) -> {
                double[] p = present(w);
                return p.length == 0 ? Double.NaN : Arrays.stream(p).min().getAsDouble();
            }),
            new Case("IdxMax", ExtremumKernel::indexOfMax, (w, f) -> argExtreme(w, true)),
            new Case("IdxMin", ExtremumKernel::indexOfMin, (w, f) -> argExtreme(w, false)),
            new Case("Quantile0.8", n -> OrderStatisticKernel.quantile(n, 0.8), (w, f) -> quantile(present(w), 0.8)),
            new Case("Quantile0.2", n -> OrderStatisticKernel.quantile(n, 0.2), (w, f) -> quantile(present(w), 0.2)),
            new Case("Rank", RankKernel::new, (w, f) -> {
                double last = w[w.length - 1];
                if (Double.isNaN(last)) {
                    return Double.NaN;
                }
                double[] p = present(w);
                long below = Arrays.stream(p).filter(v -> v < last).count();
                long equal = Arrays.stream(p).filter(v -> v == last).count();
                return (below + (equal + 1) / 2.0) / p.length;
            }),
            new Case("Slope", RegressionKernel::slope, (w, f) -> regression(w, f, "slope")),
            new Case("Rsquare", RegressionKernel::rSquare, (w, f) -> regression(w, f, "rsquare")),
            new Case("Resi", RegressionKernel::residual, (w, f) -> regression(w, f, "resi")),
            new Case("MeanDev", MeanDeviationKernel::new, (w, f) -> {
                double[] p = present(w);
                if (p.length == 0) {
                    return Double.NaN;
                }
                double mean = Arrays.stream(p).sum() / p.length;
                return Arrays.stream(p).map(v -> Math.abs(v - mean)).sum() / p.length;
            }),
            new Case("WMA", WeightedMeanKernel::new, (w, f) -> {
                double total = w.length * (w.length + 1) / 2.0;
                double sum = 0;
                int count = 0;
                for (int i = 0; i < w.length; i++) {
                    if (!Double.isNaN(w[i])) {
                        sum += (i + 1) / total * w[i];
                        count++;
                    }
                }
                return count == 0 ? Double.NaN : sum / count;
            }));

    private static double variance(double[] p) {
        if (p.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(p).sum() / p.length;
        return Arrays.stream(p).map(v -> (v - mean) * (v - mean)).sum() / (p.length - 1);
    }

    private static double argExtreme(double[] w, boolean largest) {
        if (present(w).length == 0) {
            return Double.NaN;
        }
        int best = 0;
        for (int i = 0; i < w.length; i++) {
            if (Double.isNaN(w[i])) {
                return i + 1;
            }
            if (Double.isNaN(w[best]) || (largest ? w[i] > w[best] : w[i] < w[best])) {
                best = i;
            }
        }
        return best + 1;
    }

    private static double quantile(double[] p, double q) {
        if (p.length == 0) {
            return Double.NaN;
        }
        double[] s = p.clone();
        Arrays.sort(s);
        double position = q * (s.length - 1);
        int below = (int) Math.floor(position);
        return below + 1 < s.length ? s[below] + (s[below + 1] - s[below]) * (position - below) : s[below];
    }

    private static double regression(double[] w, int first, String what) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            if (!Double.isNaN(w[i])) {
                points.add(new double[] {first + i, w[i]});
            }
        }
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double my = points.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxx = points.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
        double syy = points.stream().mapToDouble(p -> (p[1] - my) * (p[1] - my)).sum();
        double sxy = points.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
        double slope = sxy / sxx;
        return switch (what) {
            case "slope" -> slope;
            case "rsquare" -> Math.sqrt(syy / (n - 1)) <= 2e-5 ? Double.NaN : sxy * sxy / (sxx * syy);
            default -> Double.isNaN(w[w.length - 1]) ? Double.NaN
                    : w[w.length - 1] - (my + slope * (first + w.length - 1 - mx));
        };
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {1, 2, 5, 20, 60, 250})
    void every_rolling_kernel_equals_a_recomputation_of_each_window(int window) {
        double[] xs = series(window);
        List<String> failures = new ArrayList<>();
        for (Case c : CASES) {
            Kernel.OfOne kernel = c.kernel.apply(window);
            for (int i = 0; i < xs.length; i++) {
                double actual = kernel.update(xs[i]);
                int first = Math.max(0, i - window + 1);
                double[] values = Arrays.copyOfRange(xs, first, i + 1);
                double expected = c.naive.of(values, first);
                // A residual or a slope is a small difference of values of the window's size: compare it at
                // that scale (Alpha158 divides both by the close).
                double scale = c.name.equals("Resi") || c.name.equals("Slope")
                        ? Arrays.stream(present(values)).map(Math::abs).max().orElse(1)
                        : 1;
                if (!close(actual, expected, scale)) {
                    failures.add(c.name + " row " + i + ": " + actual + " vs " + expected);
                    break;
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @ParameterizedTest(name = "window {0}")
    @ValueSource(ints = {2, 5, 60})
    void corr_and_cov_equal_a_recomputation_of_each_window(int window) {
        double[] xs = series(window);
        double[] ys = series(window + 1000);
        PairKernel corr = PairKernel.correlation(window);
        PairKernel cov = PairKernel.covariance(window);
        for (int i = 0; i < xs.length; i++) {
            int first = Math.max(0, i - window + 1);
            List<double[]> pairs = new ArrayList<>();
            for (int j = first; j <= i; j++) {
                if (!Double.isNaN(xs[j]) && !Double.isNaN(ys[j])) {
                    pairs.add(new double[] {xs[j], ys[j]});
                }
            }
            double expectedCov = Double.NaN;
            double expectedCorr = Double.NaN;
            int n = pairs.size();
            if (n >= 2) {
                double mx = pairs.stream().mapToDouble(p -> p[0]).sum() / n;
                double my = pairs.stream().mapToDouble(p -> p[1]).sum() / n;
                double sxy = pairs.stream().mapToDouble(p -> (p[0] - mx) * (p[1] - my)).sum();
                double sxx = pairs.stream().mapToDouble(p -> (p[0] - mx) * (p[0] - mx)).sum();
                double syy = pairs.stream().mapToDouble(p -> (p[1] - my) * (p[1] - my)).sum();
                expectedCov = sxy / (n - 1);
                double sdx = Math.sqrt(variance(present(Arrays.copyOfRange(xs, first, i + 1))));
                double sdy = Math.sqrt(variance(present(Arrays.copyOfRange(ys, first, i + 1))));
                expectedCorr = sdx <= 2e-5 || sdy <= 2e-5 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
            }
            double actualCov = cov.update(xs[i], ys[i]);
            double actualCorr = corr.update(xs[i], ys[i]);
            assertThat(close(actualCov, expectedCov)).as("Cov row %d: %s vs %s", i, actualCov, expectedCov).isTrue();
            assertThat(close(actualCorr, expectedCorr)).as("Corr row %d: %s vs %s", i, actualCorr, expectedCorr)
                    .isTrue();
        }
    }

    private static boolean close(double actual, double expected) {
        return close(actual, expected, 1);
    }

    /** Within 1e-9 of the larger of 1, |expected| and {@code scale}; NaN only where NaN is expected. */
    private static boolean close(double actual, double expected, double scale) {
        if (Double.isNaN(actual) || Double.isNaN(expected)) {
            return Double.isNaN(actual) && Double.isNaN(expected);
        }
        return Math.abs(actual - expected) <= 1e-9 * Math.max(Math.max(1.0, scale), Math.abs(expected));
    }
}
