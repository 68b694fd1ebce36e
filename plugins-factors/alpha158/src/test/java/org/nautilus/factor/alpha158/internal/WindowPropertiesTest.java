package org.nautilus.factor.alpha158.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;

/** What the compiled Alpha158 may read, on the Apple bars: never a later bar, and no more than its lookback. */
class WindowPropertiesTest {

    private final FactorProgram program = FactorGraph.compile(new Alpha158Library().definitions()).programOrThrow();
    private final BarColumns bars = AppleBars.load();
    private final FactorColumns full = program.evaluate(bars);

    @Test
    void no_factor_reads_a_later_bar() {
        int cut = 150;
        BarColumns changedFuture = slice(bars, 0, bars.rows());
        for (double[] column : new double[][] {changedFuture.open(), changedFuture.high(), changedFuture.low(),
                changedFuture.close(), changedFuture.volume()}) {
            for (int r = cut + 1; r < column.length; r++) {
                column[r] = column[r] * 3 + 1; // a very different future
            }
        }
        FactorColumns changed = program.evaluate(changedFuture);

        List<String> leaks = new ArrayList<>();
        for (int f = 0; f < program.size(); f++) {
            for (int r = 0; r <= cut; r++) {
                if (Double.doubleToLongBits(changed.values()[f][r]) != Double.doubleToLongBits(full.values()[f][r])) {
                    leaks.add(program.names().get(f) + " row " + r);
                    break;
                }
            }
        }
        assertThat(leaks).as("factors whose past changed with the future").isEmpty();
    }

    @Test
    void the_derived_lookback_is_all_the_history_a_factor_needs() {
        // A factor's value at row t computed from only bars t-lookback .. t equals its value from the whole
        // history (to rounding: running sums saw a different sequence). None of Alpha158 uses EMA, whose memory
        // is the whole history.
        List<String> wrong = new ArrayList<>();
        for (int t : new int[] {60, 61, 100, 173, 251}) {
            for (int f = 0; f < program.size(); f++) {
                int lookback = program.lookback(f);
                FactorColumns shortHistory = program.evaluate(slice(bars, t - lookback, t + 1));
                double fromWindow = shortHistory.values()[f][lookback];
                double fromAll = full.values()[f][t];
                if (!Golden.close(fromWindow, fromAll)) {
                    wrong.add(program.names().get(f) + " at row " + t + " (lookback " + lookback + "): "
                            + fromWindow + " vs " + fromAll);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void one_bar_less_than_the_lookback_changes_the_windowed_factors() {
        // The lookback is not an overestimate: with one bar fewer, factors over windows see a partial window.
        int t = 173;
        List<String> unchanged = new ArrayList<>();
        for (String name : List.of("MA60", "ROC20", "STD30", "CORD10", "IMAX5", "SUMP60", "RSQR20")) {
            int f = program.indexOf(name);
            int lookback = program.lookback(f);
            double tooShort = program.evaluate(slice(bars, t - lookback + 1, t + 1)).values()[f][lookback - 1];
            if (Golden.close(tooShort, full.values()[f][t])) {
                unchanged.add(name);
            }
        }
        assertThat(unchanged).isEmpty();
    }

    private static BarColumns slice(BarColumns bars, int from, int to) {
        return new BarColumns(Arrays.copyOfRange(bars.open(), from, to), Arrays.copyOfRange(bars.high(), from, to),
                Arrays.copyOfRange(bars.low(), from, to), Arrays.copyOfRange(bars.close(), from, to),
                Arrays.copyOfRange(bars.volume(), from, to), Arrays.copyOfRange(bars.vwap(), from, to));
    }
}
