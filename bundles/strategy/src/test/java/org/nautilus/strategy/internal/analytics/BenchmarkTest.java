package org.nautilus.strategy.internal.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Beta and alpha against hand-worked regressions. */
class BenchmarkTest {

    @Test
    void betaAndAlphaAgainstABenchmarkByHand() {
        // Returns 2 %, −1 %, 3 %, 0 % against 1 %, −2 %, 2 %, 1 %: means 1 % and 0.5 %; deviations' products sum to
        // 0.0008, the benchmark's squares to 0.0009: beta 8/9; alpha (0.01 − 8/9 × 0.005) × 252 = 1.4.
        double[] equity = {100, 102, 100.98, 104.0094, 104.0094};
        double[] benchmark = {200, 202, 197.96, 201.9192, 203.938392};
        Benchmark.BetaAlpha ba = Benchmark.of(equity, benchmark, 252);
        assertThat(ba.beta()).isCloseTo(8.0 / 9.0, within(1e-9));
        assertThat(ba.alpha()).isCloseTo(1.4, within(1e-9));
        assertThat(ba.points()).isEqualTo(5);
    }

    @Test
    void pointsWithoutABenchmarkPriceAreLeftOut() {
        // The same regression with two points before the benchmark had a price (NaN) in front: those points' equity
        // is not used, so the returns and the figures are the ones above.
        double[] equity = {90, 95, 100, 102, 100.98, 104.0094, 104.0094};
        double[] benchmark = {Double.NaN, Double.NaN, 200, 202, 197.96, 201.9192, 203.938392};
        Benchmark.BetaAlpha ba = Benchmark.of(equity, benchmark, 252);
        assertThat(ba.beta()).isCloseTo(8.0 / 9.0, within(1e-9));
        assertThat(ba.alpha()).isCloseTo(1.4, within(1e-9));
        assertThat(ba.points()).isEqualTo(5);
    }

    @Test
    void tooFewPointsOrAFlatBenchmarkHaveNoFigures() {
        assertThat(Benchmark.of(new double[] {1, 2, 3}, new double[] {1, 1, 1}, 252).beta()).isNaN();
        Benchmark.BetaAlpha two = Benchmark.of(new double[] {1, 2, 3}, new double[] {Double.NaN, 1, 2}, 252);
        assertThat(two.beta()).isNaN();
        assertThat(two.alpha()).isNaN();
        assertThat(two.points()).isEqualTo(2);
        assertThatThrownBy(() -> Benchmark.of(new double[] {1, 2}, new double[] {1}, 252))
                .hasMessage("the benchmark needs a price at each of the 2 points of the equity curve, got 1");
    }
}
