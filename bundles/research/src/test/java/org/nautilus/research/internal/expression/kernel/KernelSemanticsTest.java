package org.nautilus.research.internal.expression.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.BinaryOperator;

/** Qlib's rules on small series worked by hand (values from pandas 1.5 where noted). */
class KernelSemanticsTest {

    private static final double NaN = Double.NaN;

    private static double[] run(Kernel.OfOne kernel, double... xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = kernel.update(xs[i]);
        }
        return out;
    }

    @Test
    void rolling_windows_are_partial_at_the_start_and_skip_nans() {
        assertThat(run(SumKernel.mean(3), 1, 2, 3, 4)).containsExactly(1, 1.5, 2, 3);
        assertThat(run(SumKernel.mean(3), 1, NaN, 3, NaN, NaN, NaN)).containsExactly(1, 1, 2, 3, 3, NaN);
        assertThat(run(SumKernel.sum(2), NaN, NaN, 5)).containsExactly(NaN, NaN, 5);
        assertThat(run(ExtremumKernel.max(2), 3, NaN, NaN, 1)).containsExactly(3, 3, NaN, 1);
        assertThat(run(ExtremumKernel.min(3), 3, 1, 2, 5, 6)).containsExactly(3, 1, 1, 1, 2);
    }

    @Test
    void std_is_the_sample_std_nan_with_one_value_and_exactly_zero_when_flat() {
        // pandas: [nan, nan, 1.4142135623730951, 0.7071067811865476, 0.7071067811865476, nan, nan, nan]
        assertThat(run(VarianceKernel.deviation(3), 1, NaN, 3, 2, NaN, NaN, NaN, 5))
                .containsExactly(NaN, NaN, 1.4142135623730951, 0.7071067811865476, 0.7071067811865476, NaN, NaN, NaN);
        assertThat(run(VarianceKernel.variance(3), 0.1, 0.7, 0.1 + 0.2, 0.3, 0.3, 0.3)[5]).isZero();
    }

    @Test
    void idxmax_is_1_based_from_the_oldest_row_first_of_ties_and_a_nan_wins() {
        assertThat(run(ExtremumKernel.indexOfMax(3), 1, 5, 5, 2, 1, 7)).containsExactly(1, 2, 2, 1, 1, 3);
        assertThat(run(ExtremumKernel.indexOfMin(3), 4, 3, 3, 9, 9)).containsExactly(1, 2, 2, 1, 1);
        // pandas rolling(3).apply(argmax + 1) over [1, nan, 3, 2, nan, nan, nan, 5]
        assertThat(run(ExtremumKernel.indexOfMax(3), 1, NaN, 3, 2, NaN, NaN, NaN, 5))
                .containsExactly(1, 2, 2, 1, 3, 2, NaN, 1);
    }

    @Test
    void rank_is_the_percentile_of_the_newest_value_with_ties_averaged() {
        // pandas rolling(3).rank(pct=True) over [1, nan, 3, 2, nan, nan, nan, 5]
        assertThat(run(new RankKernel(3), 1, NaN, 3, 2, NaN, NaN, NaN, 5))
                .containsExactly(1, NaN, 1, 0.5, NaN, NaN, NaN, 1);
        // [2, 1, 2]: the newest 2 shares ranks 2 and 3 -> 2.5 / 3
        assertThat(run(new RankKernel(3), 2, 1, 2)[2]).isEqualTo(2.5 / 3);
    }

    @Test
    void quantile_interpolates_linearly() {
        // sorted [1, 2, 4, 8]: 0.8 * 3 = 2.4 -> 4 + 0.4 * (8 - 4)
        double[] out = run(OrderStatisticKernel.quantile(4, 0.8), 8, 1, 4, 2);
        assertThat(out[3]).isCloseTo(5.6, within(1e-12));
        assertThat(run(OrderStatisticKernel.quantile(4, 0.5), 3)).containsExactly(3);
    }

    @Test
    void slope_rsquare_and_resi_regress_on_time_and_rsquare_is_nan_when_flat() {
        assertThat(run(RegressionKernel.slope(3), 1, 3, 5, 4)).containsExactly(NaN, 2, 2, 0.5);
        // window [3, 5, 4]: mean 4, slope 0.5, line at the newest x: 4 + 0.5 = 4.5, residual -0.5
        assertThat(run(RegressionKernel.residual(3), 1, 3, 5, 4)[3]).isCloseTo(-0.5, within(1e-12));
        assertThat(run(RegressionKernel.rSquare(3), 1, 3, 5, 4)[2]).isCloseTo(1.0, within(1e-12));
        assertThat(run(RegressionKernel.rSquare(3), 2, 2, 2)).containsExactly(NaN, NaN, NaN);
        // a NaN newest value: slope still from the others, residual NaN
        assertThat(run(RegressionKernel.slope(3), 1, 3, NaN)[2]).isEqualTo(2);
        assertThat(run(RegressionKernel.residual(3), 1, 3, NaN)[2]).isNaN();
    }

    @Test
    void corr_pairs_values_and_is_nan_where_a_side_is_flat() {
        PairKernel corr = PairKernel.correlation(3);
        assertThat(corr.update(1, 2)).isNaN();
        assertThat(corr.update(2, 4)).isCloseTo(1.0, within(1e-12));
        assertThat(corr.update(3, 1)).isCloseTo(-0.3273268353539886, within(1e-12));
        PairKernel flat = PairKernel.correlation(3);
        flat.update(1, 5);
        flat.update(2, 5);
        assertThat(flat.update(3, 5)).isNaN();
        PairKernel cov = PairKernel.covariance(3);
        cov.update(1, NaN);
        cov.update(2, 4);
        assertThat(cov.update(3, 8)).isEqualTo(2.0); // the pair with a NaN is left out
    }

    @Test
    void ema_matches_pandas_adjusted_ewm_with_nans() {
        // pandas Series([1, nan, 3, 2, nan, nan, nan, 5]).ewm(span=3, min_periods=1).mean()
        double[] out = run(new EmaKernel(3), 1, NaN, 3, 2, NaN, NaN, NaN, 5);
        assertThat(out).containsExactly(new double[] {1.0, 1.0, 2.6, 2.230769230769231, 2.230769230769231,
                2.230769230769231, 2.230769230769231, 4.74468085106383}, within(1e-15));
    }

    @Test
    void wma_is_qlibs_nanmean_of_normalised_weights_times_values() {
        // window [2, 4, 6], weights [1, 2, 3]/6: nanmean([2/6, 8/6, 18/6]) = (28/6)/3
        assertThat(run(new WeightedMeanKernel(3), 2, 4, 6)[2]).isCloseTo(28.0 / 18, within(1e-12));
        // window [4, NaN, 8] after sliding: weights [1, 2, 3]/6, values 4 and 8 -> (4/6 + 24/6) / 2
        assertThat(run(new WeightedMeanKernel(3), 2, 4, NaN, 8)[3]).isCloseTo(28.0 / 12, within(1e-12));
    }

    @Test
    void ref_shifts_and_comparisons_count_nan_as_false() {
        assertThat(run(new ShiftKernel(2), 1, 2, 3, 4)).containsExactly(NaN, NaN, 1, 2);
        Kernel.OfTwo greater = Elementwise.of(BinaryOperator.GT);
        assertThat(greater.update(NaN, 1)).isZero();
        assertThat(greater.update(2, 1)).isEqualTo(1);
        assertThat(Elementwise.of(BinaryOperator.NE).update(NaN, NaN)).isEqualTo(1);
        assertThat(Elementwise.of(BinaryOperator.GREATER).update(NaN, 1)).isNaN();
        assertThat(Elementwise.conditional().update(NaN, 1, 2)).isEqualTo(1);
    }
}
