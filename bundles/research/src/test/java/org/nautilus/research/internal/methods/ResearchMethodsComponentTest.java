package org.nautilus.research.internal.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
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
}
