package org.nautilus.research.internal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.features.FeatureEngine;
import org.nautilus.research.internal.features.LibraryCatalog;
import org.nautilus.research.internal.support.Bars;

/**
 * Factor files in a running feature engine: added (values on every bar seen, from the bar history), edited
 * (replaced), broken (reported at file, line and column; the running version stays), removed (gone), and a file
 * naming a plugin library's factor, which follows that library.
 */
class FactorFileManagerTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    @TempDir
    Path directory;

    private final List<Bar> apple = Bars.apple();
    private final List<Bar> history = apple.subList(0, 200);
    private FeatureEngine engine;
    private LibraryCatalog catalog;
    private FactorFileManager files;

    /** A plugin library, as the technical one would be. */
    private record Plugin(String name, List<FactorDefinition> definitions) implements FactorLibrary {
    }

    private final Plugin technical = new Plugin("technical",
            List.of(new FactorDefinition("SMA_10", "Mean($close,10)", "")));

    @BeforeEach
    void engineWithBars() {
        engine = new FeatureEngine((instrument, spec, limit) -> instrument.equals(AAPL) && spec.equals(DAY)
                ? history
                : List.of(), 200, 10_000, 5000);
        catalog = new LibraryCatalog(engine, Runnable::run); // the test thread is the writer
        files = new FactorFileManager(catalog, directory);
        engine.backfill(AAPL, DAY);
    }

    @Test
    void anAddedFileComputesOnTheBarsAlreadySeenAndThenOnLiveBars() throws IOException {
        write("mine.yaml", """
                factors:
                  - name: MOM_5
                    expression: $close/Ref($close,5)-1
                    description: five-bar momentum
                """);

        assertThat(files.scan().loaded()).containsExactly("mine.yaml");
        assertThat(engine.factors()).singleElement().satisfies(info -> {
            assertThat(info).isEqualTo(new FactorInfo("MOM_5", "five-bar momentum", 5, "mine"));
        });
        assertValues("MOM_5", "$close/Ref($close,5)-1", history);
        engine.onBar(DAY, apple.get(200));
        assertValues("MOM_5", "$close/Ref($close,5)-1", apple.subList(0, 201));

        assertThat(files.scan().changed()).as("nothing changed").isFalse();
    }

    @Test
    void anEditedFileReplacesItsFactorsAndARemovedOneTakesThemAway() throws IOException {
        write("mine.yaml", "factors:\n  - name: MOM\n    expression: $close/Ref($close,5)-1\n"
                + "  - {name: OLD, expression: $open}\n");
        files.scan();

        write("mine.yaml", "factors:\n  - name: MOM\n    expression: $close/Ref($close,10)-1\n"
                + "  - {name: NEW, expression: $high-$low}\n");
        assertThat(files.scan().loaded()).containsExactly("mine.yaml");
        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("MOM", "NEW");
        assertThat(engine.latest("OLD", AAPL)).isEmpty();
        assertValues("MOM", "$close/Ref($close,10)-1", history);
        assertValues("NEW", "$high-$low", history);

        Files.delete(directory.resolve("mine.yaml"));
        assertThat(files.scan().removed()).containsExactly("mine.yaml");
        assertThat(engine.factors()).isEmpty();
        assertThat(engine.latest()).isEmpty();
        assertThat(files.problems()).isEmpty();
    }

    @Test
    void aBrokenVersionIsReportedAtFileLineAndColumnAndTheRunningOneStays() throws IOException {
        write("mine.yaml", "factors:\n  - name: MOM\n    expression: $close/Ref($close,5)-1\n");
        files.scan();

        assertBroken("factors:\n  - name: MOM\n    expression: $close/Raf($close,5)-1\n",
                "mine.yaml:3:24: unknown function 'Raf'");
        assertBroken("factors:\n  - name: MOM\n    expression: $close/Ref($close,5)-1 + NOPE\n",
                "mine.yaml:3:42: unknown factor 'NOPE'");
        assertBroken("factors:\n  - {name: A, expression: B+1}\n  - {name: B, expression: A*2}\n",
                "mine.yaml:2:27: uses B, which is refused");
        assertThat(files.problems().get(1).problem().message()).isEqualTo("mine.yaml:3:27: cycle: A -> B -> A");
        assertBroken("factors:\n  - name: MOM\n   expression: $close\n", "mine.yaml:3:4: not valid YAML");
        assertBroken("factors:\n  - name: MOM\n    expression: \"$close +\"\n", "mine.yaml:3:26: the expression ends");

        write("mine.yaml", "factors:\n  - name: MOM\n    expression: $close/Ref($close,3)-1\n");
        assertThat(files.scan().loaded()).containsExactly("mine.yaml");
        assertThat(files.problems()).isEmpty();
        assertValues("MOM", "$close/Ref($close,3)-1", history);
    }

    @Test
    void aNameAnotherLibraryPublishesRefusesTheFile() throws IOException {
        catalog.put(technical, technical);
        write("clash.yaml", "factors:\n  - {name: SMA_10, expression: $close}\n");

        assertThat(files.scan().failed()).containsExactly("clash.yaml");
        assertThat(files.problems()).singleElement().extracting(p -> p.problem().message()).asString()
                .contains("clash.yaml:2:32: the name SMA_10 is already used by library technical");
        assertThat(engine.factors()).extracting(FactorInfo::library).containsOnly("technical");
    }

    @Test
    void aFileMayUseAPluginLibrarysFactorAndFollowsThatLibrary() throws IOException {
        write("gaps.yaml", "factors:\n  - {name: GAP, expression: $close/technical.SMA_10-1}\n");
        assertThat(files.scan().failed()).as("technical is not there yet").containsExactly("gaps.yaml");
        assertThat(files.problems().get(0).problem().message()).contains("gaps.yaml:2:36: unknown library 'technical'");

        assertThat(files.scan().changed()).as("tried again only when the libraries change").isFalse();
        catalog.put(technical, technical); // the plugin comes after the file: the unchanged file is tried again
        assertThat(files.scan().loaded()).containsExactly("gaps.yaml");
        assertThat(files.problems()).isEmpty();
        assertValues("GAP", "$close/Mean($close,10)-1", history);

        // The plugin's new version: the file's factor is compiled again with it.
        Plugin technical2 = new Plugin("technical", List.of(new FactorDefinition("SMA_10", "Mean($open,10)", "")));
        catalog.remove(technical);
        catalog.put(technical2, technical2);
        assertValues("GAP", "$close/Mean($open,10)-1", history);
    }

    @Test
    void aCrossSectionalFactorIsComputedOverTheInstrumentsOfItsBarSeries() throws IOException {
        write("ranks.yaml", "factors:\n  - name: MOM_RANK\n    expression: CSRank($close/Ref($close,5))\n");

        assertThat(files.scan().loaded()).containsExactly("ranks.yaml");
        // One instrument in the universe: its rank is 1 wherever its momentum has a value.
        assertValues("MOM_RANK", "If(Ref($close,5)>0,1,1/0*0)", history);
    }

    private void assertBroken(String yaml, String message) throws IOException {
        write("mine.yaml", yaml);
        assertThat(files.scan().failed()).containsExactly("mine.yaml");
        List<FactorProblem> problems = files.problems();
        assertThat(problems).isNotEmpty();
        assertThat(problems.get(0).problem().message()).as(problems.toString()).startsWith(message);
        assertThat(engine.factors()).extracting(FactorInfo::name).containsExactly("MOM");
        assertValues("MOM", "$close/Ref($close,5)-1", history);
    }

    /** The engine's history of {@code factor} equals the batch of {@code expression} over {@code bars}, bit for bit. */
    private void assertValues(String factor, String expression, List<Bar> bars) {
        FactorColumns batch = FactorGraph.compile(List.of(new FactorDefinition("X", expression, ""))).programOrThrow()
                .evaluate(BarColumns.of(bars));
        double[] expected = batch.column("X");
        List<FactorValue> values = engine.history(factor, AAPL, DAY);
        assertThat(values).hasSize((int) Arrays.stream(expected).filter(Double::isFinite).count());
        int row = bars.size() - values.size();
        for (FactorValue value : values) {
            assertThat(value.asOf()).isEqualTo(bars.get(row).end());
            assertThat(Double.doubleToRawLongBits(value.value())).as("%s at row %d", factor, row)
                    .isEqualTo(Double.doubleToRawLongBits(expected[row]));
            row++;
        }
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(directory.resolve(name), yaml, StandardCharsets.UTF_8);
    }
}
