package org.nautilus.research.internal.technical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.expression.FactorStream;
import org.nautilus.research.internal.support.Bars;

/**
 * plugins-factors/technical's library (it is tested here because research's tests already depend on that plugin:
 * the reverse test dependency would be a reactor cycle).
 *
 * <p>Every technical factor against TA-Lib's Java port on real bars (Apple daily, 2013), to 1e-9 absolute, from
 * TA-Lib's first output on. Before that bar TA-Lib gives nothing (its lookback), while the engine may already
 * give a value from a partial window (Mean, Min, Max, MeanDev are partial at the start, Qlib's rule) or from
 * the seeds of a longer computation (the MACD line from bar 25, TA-Lib's MACD output from 33): those rows are
 * not compared. The same bars with a flat stretch (40 bars of one price) exercise TA-Lib's guards (0 where a
 * range, a deviation or a money flow vanishes); both NaN counts as equal there. Two indicators are not compared
 * with TA-Lib on rows whose 20-bar window is all one price, where TA-Lib's running sums leave rounding noise in a
 * 0/0: its CCI is then ±66.67 or 0 by the sign of that noise (ours is 0, TA-Lib's own guard value, as our mean of
 * equal values is exact), and %B from its bands is ±Infinity or NaN (ours NaN: bands without width). There the
 * test asserts our value. Right after the stretch, TA-Lib's Bollinger variance (mean of squares - square of the
 * mean, from running sums) loses digits to cancellation: where %B or bandwidth is off by more than 1e-9 there,
 * ours must be within 1e-12 of the value in exact arithmetic, and closer to it than TA-Lib's.
 * And streaming against batch, bit for bit, on the same bars.
 */
class TaLibParityTest {

    private static final double TOLERANCE = 1e-9;

    private final FactorProgram program = FactorGraph.compile(new TechnicalLibrary().definitions()).programOrThrow();

    private static BarColumns bars(String which) {
        BarColumns bars = BarColumns.of(Bars.apple()); // each price the double nearest its decimal text
        if (which.equals("flat")) {
            double price = bars.close()[FLAT_FROM]; // not the close before: the stretch starts at FLAT_FROM
            for (int r = FLAT_FROM; r < FLAT_FROM + FLAT_BARS; r++) {
                bars.open()[r] = price;
                bars.high()[r] = price;
                bars.low()[r] = price;
                bars.close()[r] = price;
            }
        }
        return bars;
    }

    private static final int FLAT_FROM = 100;
    private static final int FLAT_BARS = 40;

    /** Our value on a row whose window is all one price, for the indicators where TA-Lib's there is noise. */
    private static final Map<String, Double> ON_FLAT_WINDOWS = Map.of("CCI_20", 0.0, "BB_PCTB_20", Double.NaN);

    private static boolean flatWindow(String which, int row, int window) {
        return which.equals("flat") && row - window + 1 >= FLAT_FROM && row < FLAT_FROM + FLAT_BARS;
    }

    @ParameterizedTest(name = "{0} bars")
    @ValueSource(strings = {"apple", "flat"})
    void every_factor_equals_ta_lib_from_ta_libs_first_output_on(String which) {
        BarColumns bars = bars(which);
        FactorColumns values = program.evaluate(bars);
        Map<String, TaLib.Series> reference = new TaLib(bars).all();

        assertThat(reference.keySet()).containsExactlyInAnyOrderElementsOf(program.names());
        List<String> differences = new ArrayList<>();
        for (String name : program.names()) {
            TaLib.Series expected = reference.get(name);
            double[] actual = values.column(name);
            double largest = 0;
            int wrong = 0;
            for (int r = expected.firstBar(); r < bars.rows(); r++) {
                Double onFlat = ON_FLAT_WINDOWS.get(name);
                if (onFlat != null && flatWindow(which, r, 20)) {
                    if (Double.compare(actual[r], onFlat) != 0) {
                        differences.add(name + " bar " + r + " (a flat window): " + actual[r] + ", not " + onFlat);
                    }
                    continue;
                }
                double difference = Double.isNaN(actual[r]) && Double.isNaN(expected.values()[r]) ? 0
                        : Math.abs(actual[r] - expected.values()[r]);
                if (!(difference <= TOLERANCE) && which.equals("flat") && name.startsWith("BB_")) {
                    double exact = ExactBollinger.of(bars.close(), r, 20, 2, name.equals("BB_PCTB_20"));
                    if (Math.abs(actual[r] - exact) <= 1e-12
                            && Math.abs(actual[r] - exact) < Math.abs(expected.values()[r] - exact)) {
                        System.out.printf("%s bar %d: TA-Lib %s, ours %s, exact %s%n", name, r,
                                expected.values()[r], actual[r], exact);
                        continue; // TA-Lib's cancellation, not ours
                    }
                }
                if (!(difference <= TOLERANCE)) { // a NaN on either side fails too
                    if (wrong++ == 0) {
                        differences.add(name + " bar " + r + ": " + actual[r] + " vs TA-Lib " + expected.values()[r]);
                    }
                }
                largest = Double.isNaN(difference) ? Double.NaN : Math.max(largest, difference);
            }
            System.out.printf("%-14s from bar %3d (engine lookback %3d): %d values, max |engine - TA-Lib| %.3g%s%n",
                    name, expected.firstBar(), program.lookback(name), bars.rows() - expected.firstBar(), largest,
                    wrong == 0 ? "" : ", " + wrong + " beyond " + TOLERANCE);
            // The derived lookback never claims more history than TA-Lib needs: factors are usable as early. OBV reads
            // the previous close, so its derived lookback is 1, but its If gives bar 0 a value (TA-Lib's start).
            int needed = name.equals("OBV") ? 1 : expected.firstBar();
            if (program.lookback(name) > needed) {
                differences.add(name + ": lookback " + program.lookback(name) + ", TA-Lib's first output at bar "
                        + expected.firstBar());
            }
        }
        assertThat(bars.rows()).isGreaterThan(200);
        assertThat(differences).as("factors that differ from TA-Lib").isEmpty();
    }

    @ParameterizedTest(name = "{0} bars")
    @ValueSource(strings = {"apple", "flat"})
    void streaming_gives_the_batch_values_bit_for_bit(String which) {
        BarColumns bars = bars(which);
        FactorColumns batch = program.evaluate(bars);

        FactorStream stream = program.newStream();
        double[] latest = new double[program.size()];
        List<String> differences = new ArrayList<>();
        for (int r = 0; r < bars.rows(); r++) {
            stream.update(bars.open()[r], bars.high()[r], bars.low()[r], bars.close()[r], bars.volume()[r],
                    bars.vwap()[r]);
            stream.values(latest);
            for (int f = 0; f < program.size(); f++) {
                double expected = batch.values()[f][r];
                if (Double.doubleToLongBits(latest[f]) != Double.doubleToLongBits(expected)) {
                    differences.add(program.names().get(f) + " bar " + r + ": " + latest[f] + " vs " + expected);
                }
            }
        }
        assertThat(differences).as("streaming values that are not the batch's bits").isEmpty();
    }
}
