package org.nautilus.research.internal.technical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
 * not compared. And streaming against batch, bit for bit, on the same bars.
 */
class TaLibParityTest {

    private static final double TOLERANCE = 1e-9;

    private final BarColumns bars = BarColumns.of(Bars.apple()); // each price the double nearest its decimal text
    private final FactorProgram program = FactorGraph.compile(new TechnicalLibrary().definitions()).programOrThrow();

    @Test
    void every_factor_equals_ta_lib_from_ta_libs_first_output_on() {
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
                double difference = Math.abs(actual[r] - expected.values()[r]);
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

    @Test
    void streaming_gives_the_batch_values_bit_for_bit() {
        FactorColumns batch = program.evaluate(bars);

        FactorStream stream = program.newStream();
        double[] latest = new double[program.size()];
        List<String> differences = new ArrayList<>();
        for (int r = 0; r < bars.rows(); r++) {
            stream.update(bars.open()[r], bars.high()[r], bars.low()[r], bars.close()[r], bars.volume()[r], bars.vwap()[r]);
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
