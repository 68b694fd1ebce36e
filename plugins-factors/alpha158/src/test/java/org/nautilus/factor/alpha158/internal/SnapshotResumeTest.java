package org.nautilus.factor.alpha158.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.factor.alpha360.internal.Alpha360Library;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.expression.FactorStream;
import org.nautilus.research.internal.files.FactorFile;
import org.nautilus.research.internal.generated.UniverseGenerator;

/**
 * A stream stopped after N bars, its {@link FactorStream#snapshot} restored into a fresh stream of a freshly
 * compiled program, continues with exactly the values of a stream that never stopped: bit for bit, every factor of
 * every shipped library, on the Apple bars and on a long generated series (NaNs, rebuilds of running sums), cut at
 * many points (before, inside and after the longest window, at and off a window's rebuild).
 */
class SnapshotResumeTest {

    private static final int[] CUTS = {0, 1, 4, 5, 19, 20, 21, 59, 60, 61, 119, 200, 251};

    @Test
    void every_shipped_library_resumes_bit_for_bit_from_a_snapshot() throws IOException {
        Map<String, List<FactorDefinition>> libraries = new LinkedHashMap<>();
        for (FactorLibrary library : List.of(new Alpha158Library(), new Alpha360Library(), new TechnicalLibrary())) {
            libraries.put(library.name(), library.definitions());
        }
        FactorFile examples = FactorFile.parse("examples.yaml", Files.readAllBytes(
                Path.of("../../karaf-distribution/src/main/resources/etc/factors/examples.yaml")));
        Map<String, List<FactorDefinition>> others = Map.copyOf(libraries);
        List<String> checked = new ArrayList<>();
        BarColumns apple = AppleBars.load();
        BarColumns generated = UniverseGenerator.generate(DataSource.Generated.of(11, 1, 1500)).instruments().get(0)
                .bars();
        for (Map.Entry<String, List<FactorDefinition>> library : libraries.entrySet()) {
            Supplier<FactorProgram> compile = () -> FactorGraph.compile(library.getKey(), library.getValue(), others)
                    .programOrThrow();
            checked.add(library.getKey() + " " + compile.get().size());
            resumesBitForBit(library.getKey(), compile, apple, CUTS);
            resumesBitForBit(library.getKey(), compile, generated, new int[] {7, 300, 777, 1200});
        }
        Supplier<FactorProgram> user = () -> FactorGraph.compile(examples.library(), examples.definitions(), others)
                .programOrThrow();
        resumesBitForBit("examples.yaml", user, apple, CUTS);
        checked.add(examples.library() + " " + user.get().size());

        assertThat(checked).containsExactly("alpha158 158", "alpha360 360", "technical " + libraries.get("technical")
                .size(), "examples 4");
    }

    private static void resumesBitForBit(String library, Supplier<FactorProgram> compile, BarColumns bars,
            int[] cuts) {
        FactorProgram program = compile.get();
        int rows = bars.rows();
        double[][] uninterrupted = new double[rows][program.size()];
        FactorStream whole = program.newStream();
        for (int r = 0; r < rows; r++) {
            feed(whole, bars, r);
            whole.values(uninterrupted[r]);
        }
        for (int cut : cuts) {
            FactorStream first = program.newStream();
            for (int r = 0; r < cut; r++) {
                feed(first, bars, r);
            }
            byte[] snapshot = first.snapshot();
            // a fresh program, as a restarted node compiles it: same digest, new kernels
            FactorProgram recompiled = compile.get();
            assertThat(recompiled.digest()).isEqualTo(program.digest());
            FactorStream resumed = recompiled.restore(snapshot);
            assertThat(resumed.bars()).isEqualTo(cut);
            double[] values = new double[program.size()];
            if (cut > 0) {
                resumed.values(values);
                assertBits(library, cut - 1, values, uninterrupted[cut - 1], program);
            }
            for (int r = cut; r < rows; r++) {
                feed(resumed, bars, r);
                resumed.values(values);
                assertBits(library, r, values, uninterrupted[r], program);
            }
        }
    }

    private static void assertBits(String library, int row, double[] actual, double[] expected, FactorProgram program) {
        for (int f = 0; f < actual.length; f++) {
            if (Double.doubleToRawLongBits(actual[f]) != Double.doubleToRawLongBits(expected[f])) {
                throw new AssertionError(library + " " + program.names().get(f) + " row " + row + ": resumed "
                        + actual[f] + ", uninterrupted " + expected[f]);
            }
        }
    }

    private static void feed(FactorStream stream, BarColumns bars, int r) {
        stream.update(bars.open()[r], bars.high()[r], bars.low()[r], bars.close()[r], bars.volume()[r],
                bars.vwap()[r]);
    }

}
