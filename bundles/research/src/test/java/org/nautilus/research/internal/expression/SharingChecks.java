package org.nautilus.research.internal.expression;

import java.util.ArrayList;
import java.util.List;
import org.nautilus.api.research.expression.FactorDefinition;

/** The checks of a state shared between nodes: the values are those computed without sharing, bit for bit. */
final class SharingChecks {

    private SharingChecks() {
    }

    /** Where each factor computed alone differs (raw bits) from the same factor in {@code shared}. */
    static List<String> aloneVersusShared(List<FactorDefinition> definitions, BarColumns bars, FactorColumns shared) {
        List<String> differences = new ArrayList<>();
        for (FactorDefinition definition : definitions) {
            double[] alone = FactorGraph.compile(List.of(definition)).programOrThrow().evaluate(bars).values()[0];
            double[] together = shared.column(definition.name());
            for (int r = 0; r < alone.length; r++) {
                if (Double.doubleToRawLongBits(alone[r]) != Double.doubleToRawLongBits(together[r])) {
                    differences.add(definition.name() + " row " + r + ": " + alone[r] + " alone, " + together[r]);
                }
            }
        }
        return differences;
    }

    /**
     * Where the program's stream differs (raw bits) from its batch over {@code bars}; halfway the stream is
     * snapshotted and restored (it continues on "another node").
     */
    static List<String> streamVersusBatch(FactorProgram program, BarColumns bars) {
        FactorColumns batch = program.evaluate(bars);
        FactorStream stream = program.newStream();
        List<String> differences = new ArrayList<>();
        int rows = bars.close().length;
        for (int r = 0; r < rows; r++) {
            if (r == rows / 2) {
                stream = program.restore(stream.snapshot());
            }
            stream.update(bars.open()[r], bars.high()[r], bars.low()[r], bars.close()[r], bars.volume()[r],
                    bars.vwap()[r]);
            for (int f = 0; f < program.size(); f++) {
                if (Double.doubleToRawLongBits(stream.value(f)) != Double.doubleToRawLongBits(batch.values()[f][r])) {
                    differences.add(program.names().get(f) + " row " + r);
                }
            }
        }
        return differences;
    }
}
