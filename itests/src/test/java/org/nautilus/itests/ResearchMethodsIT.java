package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.api.research.dataset.DatasetRequest;
import org.nautilus.api.research.dataset.DatasetService;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.expression.FactorDefinition;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Research methods in the running platform: {@code nautilus:factor-eval} evaluates an Alpha158 factor over a
 * generated universe and over the shipped Apple daily bars, printing the summary and writing the HTML report and
 * its PNG charts (XChart inside the research bundle, headless); the dataset service builds a panel with the
 * same digest twice and cuts purged splits.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ResearchMethodsIT extends NautilusTestSupport {

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Test
    public void factorEvalWritesAReportAndTheDatasetServiceCutsPurgedSplits() throws Exception {
        executeCommand("feature:install nautilus-factor-alpha158");
        await("the factor-eval command and KMID", STARTUP, () -> executeCommand("nautilus:factor-eval --help"),
                out -> out.contains("factor-eval"));
        Path report = Files.createTempDirectory("factor-eval");

        String generated = await("KMID evaluated over a generated universe", STARTUP,
                () -> executeCommand("nautilus:factor-eval --generated 120 --days 300 -o " + report + " KMID"),
                out -> out.contains("ic.mean"));
        assertTrue(generated, generated.contains("generated 120 instruments x 300 days (GENERATED data)"));
        assertTrue(generated, generated.contains("rank_icir") && generated.contains("quantile 5 mean"));
        assertTrue(generated, generated.contains("report: " + report.resolve("index.html")));
        for (String file : List.of("index.html", "ic.png", "monthly-ic.png", "quantile-returns.png",
                "long-short.png")) {
            assertTrue(file, Files.size(report.resolve(file)) > 1000);
        }
        assertTrue(Files.readString(report.resolve("index.html")).contains("GENERATED data"));

        String planted = executeCommand("nautilus:factor-eval -g 150 -d 300 --planted-ic 0.1 --label-from 0 "
                + "--label-to 1 --no-report '$vwap/$close-1'");
        assertTrue(planted, planted.contains("ic.mean"));

        String apple = executeCommand("nautilus:factor-eval --no-report KMID");
        assertTrue(apple, apple.contains("Real market data") && apple.contains("One instrument"));

        try {
            executeCommand("nautilus:factor-eval --no-report NO_SUCH_FACTOR");
            throw new AssertionError("an unknown factor was accepted");
        } catch (ExecutionException e) {
            assertTrue(e.getCause().getMessage(),
                    e.getCause().getMessage().contains("unknown factor 'NO_SUCH_FACTOR'"));
        }

        DatasetService datasets = service(DatasetService.class, null);
        DatasetRequest request = DatasetRequest.of(new DataSource.Generated(3, 50, 200, 2, 0.05,
                LocalDate.of(2020, 1, 6), true), List.of(new FactorDefinition("MA5", "Mean($close,5)/$close", "")));
        PanelDataset panel = datasets.build(request);
        assertEquals(panel.digest(), datasets.build(request).digest());
        assertEquals(5, datasets.split(panel, new SplitSpec.PurgedKFold(5, 2)).size());
    }
}
