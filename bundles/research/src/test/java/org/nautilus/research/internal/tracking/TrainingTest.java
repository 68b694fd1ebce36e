package org.nautilus.research.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.artifacts.ArtifactIntegrityException;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrainingResult;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
import org.nautilus.model.lightgbm.internal.LightGbmModel;
import org.nautilus.model.weka.classifier.internal.WekaDirection;
import org.nautilus.model.weka.forest.internal.WekaRandomForest;
import org.nautilus.model.weka.linear.internal.WekaRidge;
import org.nautilus.model.weka.m5p.internal.WekaM5P;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.support.Bars;
import org.nautilus.testsupport.DsConfigs;

/**
 * Training from a spec file with the real model plugins and the technical factor library on the Apple daily bars:
 * a tracked run with its folds, its model artifact, registration; and for each family, re-running the same spec
 * gives the same dataset digest and bit-identical predictions.
 */
class TrainingTest {

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private final MemoryTrackingStore store = new MemoryTrackingStore();
    private ModelsComponent models;
    private Path bars;

    static ResearchConfig research() {
        return DsConfigs.config(ResearchConfig.class, Map.of("warmup.bars", 5000));
    }

    static List<Model> families(Path natives) {
        return List.of(new LightGbmModel(2, natives), new WekaRandomForest(), new WekaRidge(), new WekaM5P(),
                new WekaDirection());
    }

    @BeforeEach
    void setUp() throws IOException {
        bars = dir.resolve("apple.csv");
        try (Reader in = Bars.appleCsv();
                Writer out = Files.newBufferedWriter(bars)) {
            in.transferTo(out);
        }
        models = new ModelsComponent(store, new FileArtifactStore(dir.resolve("artifact-store")), dir.resolve("models"),
                research(), Clock.systemUTC());
        families(shared).forEach(models::addFamily);
        models.addLibrary(new TechnicalLibrary());
    }

    private Path spec(String family, String extra) throws IOException {
        Path spec = dir.resolve(family + ".properties");
        Files.writeString(spec, String.join("\n",
                "experiment = aapl-daily",
                "family = " + family,
                "factors = RSI_14, BB_PCTB_20, MACD_HIST, ROC_10, CLOSE_SMA_20",
                "bars = " + bars,
                "instrument = AAPL.NASDAQ",
                "folds = 2",
                "seed = 7",
                family.equals("lightgbm") ? "param.iterations = 30\nparam.min.data.in.leaf = 5" : "",
                family.equals("weka-random-forest") ? "param.trees = 20" : "",
                extra));
        return spec;
    }

    @Test
    void aSpecBecomesATrackedRunWithFoldsAnArtifactAndARegisteredVersion() throws IOException {
        List<String> progress = new ArrayList<>();
        TrainingResult result = models.train(spec("lightgbm", "register = aapl-lgbm"), progress::add);
        Run run = result.run();
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.params()).containsEntry("family", "lightgbm").containsEntry("param.iterations", "30")
                .containsEntry("factors", "RSI_14,BB_PCTB_20,MACD_HIST,ROC_10,CLOSE_SMA_20");
        assertThat(run.datasetDigest()).startsWith("sha256:");
        assertThat(run.codeVersion()).containsKey("library");
        assertThat(run.artifacts()).contains("model.bin", "importance.tsv", "report.html", "folds.png",
                "permutation-importance.tsv");
        String report = Files.readString(models.artifact(run.id(), "report.html").orElseThrow());
        assertThat(report).contains("<h1>Model evaluation: aapl-daily / lightgbm / run " + run.id())
                .contains("walk-forward expanding").contains("rank-ic").contains("<img src=\"folds.png\"")
                .contains("<h2>Permutation importance (validation folds)</h2>");
        // Permutation importance: a finite IC drop per factor, the same figures in the progress line and the file.
        List<String> permutation = Files.readAllLines(
                models.artifact(run.id(), "permutation-importance.tsv").orElseThrow());
        assertThat(permutation).hasSize(6).first().isEqualTo("feature\tic-drop");
        assertThat(permutation.subList(1, 6)).extracting(l -> l.split("\t")[0])
                .containsExactly("RSI_14", "BB_PCTB_20", "MACD_HIST", "ROC_10", "CLOSE_SMA_20");
        assertThat(permutation.subList(1, 6)).allMatch(l -> Double.isFinite(Double.parseDouble(l.split("\t")[1])));
        String line = progress.stream().filter(l -> l.startsWith("permutation importance")).findFirst().orElseThrow();
        assertThat(line).startsWith("permutation importance (IC lost with the feature shuffled, mean of 2 folds): ")
                .contains("RSI_14 ").contains("CLOSE_SMA_20 ");
        byte[] png = Files.readAllBytes(models.artifact(run.id(), "folds.png").orElseThrow());
        assertThat(Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(run.metrics()).containsKeys("rmse", "correlation", "baseline-rmse", "ic", "rank-ic");
        assertThat(models.metricHistory(run.id(), "rank-ic")).hasSize(2).allMatch(m -> Double.isFinite(m.value()));
        assertThat(models.metricHistory(run.id(), "rmse")).hasSize(2); // one step per fold
        List<Run> folds = models.runs(new RunQuery("aapl-daily", null, null, null, false, 0)).stream()
                .filter(r -> run.id().equals(r.parent())).toList();
        assertThat(folds).extracting(Run::name).containsExactlyInAnyOrder("fold-0", "fold-1");
        for (Run fold : folds) { // cut by Splits: training ends before the test block, purged by the label's end
            assertThat(fold.params().get("split")).startsWith("walk-forward expanding ");
            LocalDate trainEnd = LocalDate.parse(fold.params().get("train.dates").split("\\.\\.")[1]);
            LocalDate testStart = LocalDate.parse(fold.params().get("test.dates").split("\\.\\.")[0]);
            assertThat(trainEnd).isBefore(testStart.minusDays(1));
        }
        assertThat(progress).anyMatch(l -> l.startsWith("fold 2/2"))
                .anyMatch(l -> l.contains("registered aapl-lgbm version 1"));

        ModelVersion version = result.version();
        assertThat(version.run()).isEqualTo(run.id());
        assertThat(version.datasetDigest()).isEqualTo(run.datasetDigest());
        FittedModel loaded = models.load("aapl-lgbm", 1);
        assertThat(loaded.features()).containsExactly("RSI_14", "BB_PCTB_20", "MACD_HIST", "ROC_10", "CLOSE_SMA_20");
    }

    /** Re-running a tracked run gives the same dataset and bit-identical predictions, for every family. */
    @ParameterizedTest
    @ValueSource(strings = {"lightgbm", "weka-random-forest", "weka-ridge", "weka-m5p", "weka-direction"})
    void reRunningARunGivesBitIdenticalPredictions(String family) throws IOException {
        Path spec = spec(family, "register = m");
        TrainingResult first = models.train(spec, line -> {});
        TrainingResult second = models.train(spec, line -> {});
        assertThat(second.run().datasetDigest()).isEqualTo(first.run().datasetDigest());
        assertThat(second.run().metrics()).isEqualTo(first.run().metrics());
        FittedModel a = models.load("m", 1);
        FittedModel b = models.load("m", 2);
        double[][] probe = new double[200][5];
        Random random = new Random(3);
        for (double[] row : probe) {
            row[0] = random.nextDouble() * 100;
            row[1] = random.nextDouble();
            row[2] = random.nextGaussian();
            row[3] = random.nextGaussian() * 5;
            row[4] = 1 + random.nextGaussian() * 0.05;
        }
        double[] pa = a.predict(probe);
        double[] pb = b.predict(probe);
        for (int i = 0; i < pa.length; i++) {
            assertThat(Double.doubleToRawLongBits(pb[i])).isEqualTo(Double.doubleToRawLongBits(pa[i]));
        }
        assertThat(Files.readAllBytes(models.artifact(second.run().id(), "model.bin").orElseThrow()))
                .isEqualTo(Files.readAllBytes(models.artifact(first.run().id(), "model.bin").orElseThrow()));
    }

    /**
     * A registered version trained on one node loads on another that shares only the tracking metadata and the
     * artifact store: the same predictions; a store copy that is not what was logged is refused, naming the digests.
     */
    @Test
    void aNodeThatDidNotTrainAVersionLoadsItFromTheArtifactStore() throws IOException {
        TrainingResult trained = models.train(spec("lightgbm", "register = m"), line -> {});
        models.flush();
        ModelsComponent other = new ModelsComponent(store, new FileArtifactStore(dir.resolve("artifact-store")),
                dir.resolve("other-node"), research(), Clock.systemUTC());
        families(shared).forEach(other::addFamily);
        double[] row = {40, 0.5, 0.1, -1, 1.01};
        assertThat(other.load("m", 1).predict(row)).isEqualTo(models.load("m", 1).predict(row));
        assertThat(dir.resolve("other-node").resolve(trained.run().id()).resolve("model.bin")).exists();
        assertThat(other.storedArtifacts(trained.run().id())).extracting(StoredArtifact::name).contains("model.bin",
                "report.html");

        Files.delete(dir.resolve("other-node").resolve(trained.run().id()).resolve("model.bin"));
        Path stored = dir.resolve("artifact-store").resolve(trained.run().id()).resolve("model.bin");
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        Files.write(stored, bytes);
        assertThatThrownBy(() -> other.load("m", 1)).isInstanceOf(ArtifactIntegrityException.class)
                .hasMessageContaining("artifact model.bin of run " + trained.run().id())
                .hasMessageContaining("not the recorded " + trained.run().artifactDigests().get("model.bin"));
    }

    /** The spec chooses the validation: rolling walk-forward, purged K-fold with embargo, CPCV. */
    @ParameterizedTest
    @ValueSource(strings = {"rolling|window = 60|walk-forward rolling |2",
            "purged-kfold|embargo = 3\nfolds = 3|purged-kfold |3",
            "cpcv|folds = 4\ncpcv.test.groups = 2|cpcv |6"})
    void theSpecChoosesTheValidation(String caseText) throws IOException {
        String[] parts = caseText.split("\\|");
        // spec(...) writes folds = 2 first; a later line of the same key wins.
        Run run = models.train(spec("weka-ridge", "validation = " + parts[0] + "\n" + parts[1]), line -> {}).run();
        List<Run> folds = models.runs(new RunQuery("aapl-daily", null, null, null, false, 0)).stream()
                .filter(r -> run.id().equals(r.parent())).toList();
        assertThat(folds).hasSize(Integer.parseInt(parts[3]))
                .allMatch(f -> f.params().get("split").startsWith(parts[2]));
        assertThat(run.params()).containsEntry("validation", parts[0]);
        assertThat(run.metrics()).containsKeys("ic", "rmse");
    }

    @Test
    void aBadValidationIsRefusedByName() throws IOException {
        assertThatThrownBy(() -> models.train(spec("weka-ridge", "validation = kfold"), line -> {}))
                .hasMessageContaining(
                        "validation must be one of [walk-forward, rolling, purged-kfold, cpcv], got 'kfold'");
        assertThatThrownBy(() -> models.train(spec("weka-ridge", "validation = cpcv"), line -> {}))
                .hasMessageContaining("cpcv needs cpcv.test.groups < folds");
        assertThatThrownBy(
                () -> models.train(spec("weka-ridge", "search = grid\nsearch.param.trees = 1, 2"), line -> {}))
                        .hasMessageContaining("weka-ridge has no parameters [trees] to search");
        assertThatThrownBy(() -> models.train(spec("weka-ridge", "search.param.ridge = 1, 2"), line -> {}))
                .hasMessageContaining("search.param.* given without search");
    }

    /**
     * A grid search inside each fold's training rows: every fit of the search sees fewer rows than its fold trains
     * on (inner folds cut from them), the choice is logged per fold, and the final model is searched the same way.
     */
    @Test
    void aGridSearchRunsInsideTheTrainingFoldsOnly() throws IOException {
        List<Integer> fits = new CopyOnWriteArrayList<>();
        Model ridge = new WekaRidge();
        Model recording = new Model() {
            public String family() {
                return "recording-ridge";
            }

            public String description() {
                return "records the rows of every fit";
            }

            public String library() {
                return ridge.library();
            }

            public Map<String, String> defaultParameters() {
                return ridge.defaultParameters();
            }

            public FittedModel fit(LabelledMatrix data, Map<String, String> p, long seed) {
                fits.add(data.rows());
                return ridge.fit(data, p, seed);
            }

            public FittedModel load(InputStream in) throws IOException {
                return ridge.load(in);
            }
        };
        models.addFamily(recording);
        List<String> progress = new ArrayList<>();
        Run run = models
                .train(spec("recording-ridge", "search = grid\nsearch.param.ridge = 1.0E-8, 1.0E9\nsearch.folds = 2"),
                        progress::add)
                .run();
        List<Run> folds = models.runs(new RunQuery("aapl-daily", null, null, null, false, 0)).stream()
                .filter(r -> run.id().equals(r.parent())).toList();
        // 2 outer folds and the final model, each: 2 candidates x 2 inner folds, then one fit with the choice.
        assertThat(fits).hasSize(3 * (2 * 2 + 1));
        for (int fold = 0; fold < 3; fold++) {
            List<Integer> block = fits.subList(fold * 5, fold * 5 + 5);
            int chosenFit = block.get(4);
            assertThat(block.subList(0, 4)).allMatch(rows -> rows < chosenFit);
        }
        assertThat(folds).allMatch(f -> f.params().containsKey("chosen.ridge"));
        assertThat(run.params()).containsKey("chosen.ridge").containsKey("search");
        assertThat(run.params().get("chosen.ridge")).isIn("1.0E-8", "1.0E9");
        assertThat(progress).filteredOn(l -> l.startsWith("search: 2 candidates")).hasSize(3);
    }

    /** The direction classifier is measured as one: accuracy, AUC and log-loss per fold beside the ICs. */
    @Test
    void aDirectionClassifierLogsAccuracyAucAndLogLossPerFold() throws IOException {
        List<String> progress = new ArrayList<>();
        Run run = models.train(spec("weka-direction", "register = d"), progress::add).run();
        assertThat(run.metrics()).containsKeys("accuracy", "auc", "log-loss", "baseline-accuracy",
                "baseline-log-loss", "ic", "rank-ic").doesNotContainKey("rmse");
        assertThat(models.metricHistory(run.id(), "auc")).hasSize(2)
                .allMatch(m -> m.value() >= 0 && m.value() <= 1);
        assertThat(models.metricHistory(run.id(), "log-loss")).hasSize(2).allMatch(m -> m.value() > 0);
        assertThat(progress).anyMatch(l -> l.startsWith("fold 1/2") && l.contains("auc") && l.contains("log-loss"));
        double[] row = {50, 0.5, 0, 0, 1};
        assertThat(models.load("d", 1).predict(row)).isBetween(0.0, 1.0);
    }

    @Test
    void aBadSpecIsRefusedWithEveryProblemAndNoRun() throws IOException {
        Path spec = dir.resolve("bad.properties");
        Files.writeString(spec,
                "family = lightgbm\nfolds = zero\ncolour = red\nbars = " + bars + "\ninstrument = AAPL.NASDAQ\n");
        assertThatThrownBy(() -> models.train(spec, line -> {}))
                .hasMessageContaining("experiment is missing").hasMessageContaining("factors is missing")
                .hasMessageContaining("folds must be an integer").hasMessageContaining("unknown keys [colour]");
        assertThatThrownBy(() -> models.train(spec("xgboost", ""), line -> {}))
                .hasMessageContaining("no model family xgboost is deployed");
        assertThat(models.runs(RunQuery.all())).allMatch(r -> r.status() == RunStatus.FINISHED);
    }

    @Test
    void unknownFactorsAreNamed() throws IOException {
        Path spec = dir.resolve("f.properties");
        Files.writeString(spec, "experiment = e\nfamily = weka-ridge\nfactors = RSI_14, NOPE, library:alpha999\nbars = "
                + bars + "\ninstrument = AAPL.NASDAQ\n");
        assertThatThrownBy(() -> models.train(spec, line -> {}))
                .hasMessageContaining("unknown factors [NOPE, library:alpha999");
        assertThat(models.runs(RunQuery.all())).isEmpty();
    }

    @Test
    void promotionsAreRecordedAndRollBack() throws IOException {
        models.train(spec("weka-ridge", "register = r"), line -> {});
        models.train(spec("weka-ridge", "register = r"), line -> {});
        models.setAlias("r", "champion", 1, "alice");
        models.setAlias("r", "champion", 2, "bob");
        assertThat(models.rollback("r", "champion", "carol").version()).isEqualTo(1);
        assertThat(models.model("r").orElseThrow().aliases()).isEqualTo(Map.of("champion", 1));
    }
}
