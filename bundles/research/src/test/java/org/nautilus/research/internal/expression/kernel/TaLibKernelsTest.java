package org.nautilus.research.internal.expression.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.UnaryOperator;

/** The operators technical indicators need, as TA-Lib defines them, on small series worked by hand. */
class TaLibKernelsTest {

    private static final double NaN = Double.NaN;

    private static double[] run(Kernel.OfOne kernel, double... xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = kernel.update(xs[i]);
        }
        return out;
    }

    @Test
    void seeded_ema_starts_with_the_mean_of_the_first_n_values_then_recurses_with_2_over_n_plus_1() {
        // seed (1+2+3)/3 = 2 at the third value; k = 0.5: 2 + (4-2)/2 = 3; 3 + (8-3)/2 = 5.5
        assertThat(run(SeededAverageKernel.ema(3), 1, 2, 3, 4, 8)).containsExactly(NaN, NaN, 2, 3, 5.5);
    }

    @Test
    void wilder_starts_with_the_mean_of_the_first_n_values_then_weighs_the_new_one_1_over_n() {
        // seed 2; (2*2+8)/3 = 4; (4*2+1)/3 = 3
        assertThat(run(SeededAverageKernel.wilder(3), 1, 2, 3, 8, 1)).containsExactly(NaN, NaN, 2, 4, 3);
    }

    @Test
    void seeded_averages_wait_for_n_values_and_keep_their_value_over_nans() {
        // a leading NaN (Ref's first row) delays the seed by a row: TA-Lib's lookback of RSI and ATR
        assertThat(run(SeededAverageKernel.wilder(2), NaN, 1, 3, NaN, 5)).containsExactly(NaN, NaN, 2, 2, 3.5);
        assertThat(run(SeededAverageKernel.ema(1), 4, NaN, 6)).containsExactly(4, 4, 6);
        assertThatThrownBy(() -> SeededAverageKernel.wilder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mean_deviation_is_from_the_windows_own_mean() {
        // window {2, 3, 10}: mean 5, |deviations| 3, 2, 5 -> 10/3; a per-row mean would give something else
        double[] out = run(new MeanDeviationKernel(3), 1, 2, 3, 10);
        assertThat(out).containsExactly(0, 0.5, 2.0 / 3, 10.0 / 3);
        // NaNs skipped; a window of NaNs has none
        assertThat(run(new MeanDeviationKernel(2), 1, NaN, 3, NaN, NaN)).containsExactly(0, 0, 0, 0, NaN);
    }

    @Test
    void cumsum_adds_from_the_first_value_and_skips_nans() {
        assertThat(run(new CumulativeSumKernel(), NaN, 1, NaN, -3, 5)).containsExactly(NaN, 1, 1, -2, 3);
    }

    @Test
    void cumsum_is_not_a_shared_element_wise_kernel() {
        assertThatThrownBy(() -> Elementwise.of(UnaryOperator.CUMSUM)).isInstanceOf(IllegalArgumentException.class);
    }
}
