package org.nautilus.research.internal.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.LabelSpec;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.evaluation.EvaluationReport;
import org.nautilus.api.research.evaluation.EvaluationRequest;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.research.internal.support.Bars;
import org.nautilus.research.internal.tracking.ModelsComponent;
import org.nautilus.research.internal.tracking.TrainingTestSupport;

class ResearchMethodsComponentTest {

    private static final DataSource.Generated GENERATED = new DataSource.Generated(5, 150, 260, 2, 0.08,
            LocalDate.of(2021, 1, 4), false);

    @TempDir
    Path temp;

    private ResearchMethodsComponent component() throws IOException {
        Path apple = temp.resolve(Bars.APPLE_CSV);
        try (InputStream in = Bars.class.getClassLoader().getResourceAsStream(Bars.APPLE_CSV)) {
            Files.copy(in, apple);
        }
        ResearchMethodsComponent component = new ResearchMethodsComponent(apple, InstrumentId.of("AAPL"));
        component.addLibrary(new TechnicalLibrary());
        return component;
    }

    @Test
    void evaluatesAnExpressionOverAGeneratedUniverseAndWritesTheReport() throws IOException {
        List<String> progress = new ArrayList<>();
        Path out = temp.resolve("report");
        EvaluationReport report = component().evaluate(new EvaluationRequest("$vwap/$close-1", GENERATED,
                new LabelSpec(0, 1), 5, out), progress::add);

        assertThat(report.evaluation().ic().mean()).isBetween(0.05, 0.11); // planted 0.08
        assertThat(report.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("index.html", "ic.png", "monthly-ic.png", "quantile-returns.png", "long-short.png");
        for (Path png : report.files().subList(1, 5)) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).as("%s", png).isGreaterThan(5_000);
            assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        }
        String html = Files.readString(report.files().get(0));
        assertThat(html).contains("GENERATED data", "ic.png", "monthly-ic.png", "icir", "<td>Q5</td>",
                report.evaluation().datasetDigest());
        assertThat(report.notes().get(0)).startsWith("GENERATED data");
        assertThat(progress).anyMatch(line -> line.startsWith("generated 150 instruments x 260 days"))
                .anyMatch(line -> line.startsWith("dataset: "))
                .anyMatch(line -> line.startsWith("report written: "));
    }

    /** With run tracking wired, an evaluation with a report becomes a run whose artifacts are the report's files. */
    @Test
    void anEvaluationWithAReportIsTrackedAsARunWithTheReportAsArtifacts() throws IOException {
        ModelsComponent tracking = TrainingTestSupport.models(temp);
        ResearchMethodsComponent component = component();
        component.setTracking(tracking);
        List<String> progress = new ArrayList<>();
        EvaluationReport report = component.evaluate(new EvaluationRequest("$vwap/$close-1", GENERATED,
                new LabelSpec(0, 1), 5, temp.resolve("tracked")), progress::add);
        Run run = tracking.runs(RunQuery.all())
                .get(0);
        assertThat(run.experiment()).isEqualTo("factor-eval");
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.params()).containsEntry("expression", "$vwap/$close-1");
        assertThat(run.datasetDigest()).isEqualTo(report.evaluation().datasetDigest());
        assertThat(run.metrics()).containsKey("ic.mean");
        assertThat(run.artifacts()).containsExactly("index.html", "ic.png", "monthly-ic.png", "quantile-returns.png",
                "long-short.png");
        assertThat(Files.readAllBytes(tracking.artifact(run.id(), "ic.png").orElseThrow()))
                .isEqualTo(Files.readAllBytes(report.files().get(1)));
        assertThat(progress).anyMatch(line -> line.equals("tracked as run " + run.id()
                + " in experiment factor-eval (its artifacts are the report)"));
    }

    @Test
    void onTheShippedAppleBarsItSaysWhatOneInstrumentCanAndCannotShow() throws IOException {
        ResearchMethodsComponent component = component();
        assertThat(component.factorNames()).contains("RSI_14");
        EvaluationReport report = component.evaluate(new EvaluationRequest("RSI_14",
                new DataSource.Samples(ResearchMethodsComponent.APPLE_SAMPLE), LabelSpec.qlibDefault(), 5, null),
                null);
        assertThat(report.evaluation().ic().dates()).isZero();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("Real market data"))
                .anyMatch(n -> n.contains("One instrument: a cross-sectional IC") && n.contains("Time-series"));
        assertThat(report.files()).isEmpty();
    }

    @Test
    void unknownFactorsAndSamplesAreRefusedWithTheReason() throws IOException {
        ResearchMethodsComponent component = component();
        assertThatThrownBy(() -> component.evaluate(new EvaluationRequest("NOPE", GENERATED, LabelSpec.qlibDefault(),
                5, null), null)).hasMessageContaining("unknown factor 'NOPE'");
        assertThatThrownBy(() -> component.evaluate(new EvaluationRequest("RSI_14", new DataSource.Samples("msft"),
                LabelSpec.qlibDefault(), 5, null), null)).hasMessageContaining("unknown sample 'msft'");
        assertThatThrownBy(() -> component.evaluate(new EvaluationRequest("Mean($close,", GENERATED,
                LabelSpec.qlibDefault(), 5, null), null)).hasMessageContaining("refused");
    }

    @Test
    void theDatasetServiceBuildsTheSameDigestTwiceAndSplitsByDate() throws IOException {
        ResearchMethodsComponent component = component();
        DatasetRequest request = DatasetRequest.of(GENERATED, List.of(new FactorDefinition("F1", "planted_1", ""),
                new FactorDefinition("MA5", "Mean($close,5)/$close", "")));
        PanelDataset first = component.build(request);
        PanelDataset second = component.build(request);
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(component.split(first, new SplitSpec.PurgedKFold(5, 2))).hasSize(5);
        assertThat(first.toString()).contains("generated:seed=5");
    }

    /**
     * Over the shipped Apple bars, {@code $eps} reads the statements the factor store holds (what the data
     * connectors loaded) as known at each bar's end: a restatement counts from its publication on, never before.
     */
    @Test
    void aDatasetOverTheAppleBarsReadsTheStoredFundamentalsPointInTime() throws IOException {
        ResearchMethodsComponent component = component();
        InstrumentId apple = InstrumentId.of("AAPL");
        try (DuckDbFactorStore store = DuckDbFactorStore.open(temp.resolve("store"), DatePartition.YEAR, 1)) {
            Instant published = Instant.parse("2013-04-23T20:30:00Z");
            Instant restated = Instant.parse("2013-09-10T20:30:00Z");
            store.writeFundamentals(List.of(
                    new Fundamental(apple, "eps", LocalDate.of(2013, 3, 30), published, 10.09),
                    new Fundamental(apple, "eps", LocalDate.of(2013, 6, 29), Instant.parse("2013-07-23T20:30:00Z"),
                            7.47),
                    new Fundamental(apple, "eps", LocalDate.of(2013, 6, 29), restated, 7.50)));
            component.bindFactorStore(store);

            PanelDataset panel = component.build(DatasetRequest.of(new DataSource.Samples("aapl-daily"),
                    List.of(new FactorDefinition("EPS", "$eps", ""), new FactorDefinition("EY", "$eps/$close", ""))));

            int known = 0;
            for (int row = 0; row < panel.rows(); row++) {
                LocalDate day = panel.date(row);
                Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                double expected = store.fundamentals(apple, end).stream()
                        .max(Comparator.comparing(Fundamental::periodEnd)).map(Fundamental::value)
                        .orElse(Double.NaN);
                assertThat(Double.valueOf(panel.feature(row, 0))).as("$eps on %s", day)
                        .isEqualTo(Double.valueOf(expected)); // NaN equals NaN here
                known += Double.isNaN(expected) ? 0 : 1;
            }
            assertThat(known).isGreaterThan(100);
            assertThat(panel.feature(rowOn(panel, LocalDate.of(2013, 9, 9)), 0)).isEqualTo(7.47);
            assertThat(panel.feature(rowOn(panel, LocalDate.of(2013, 9, 11)), 0)).isEqualTo(7.50);

            component.unbindFactorStore(store); // without a store the field reads NaN again
            PanelDataset without = component.build(DatasetRequest.of(new DataSource.Samples("aapl-daily"),
                    List.of(new FactorDefinition("EPS", "$eps", ""))));
            assertThat(Arrays.stream(without.featureColumn(0)).allMatch(Double::isNaN)).isTrue();
        }
    }

    private static int rowOn(PanelDataset panel, LocalDate day) {
        for (int row = 0; row < panel.rows(); row++) {
            if (panel.date(row).equals(day)) {
                return row;
            }
        }
        throw new AssertionError("no row on " + day);
    }
}
