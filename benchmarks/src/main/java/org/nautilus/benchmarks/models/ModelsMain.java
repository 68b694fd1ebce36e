package org.nautilus.benchmarks.models;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.github.metarank.lightgbm4j.LGBMException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.model.lightgbm.internal.LightGbmModel;
import org.nautilus.model.weka.forest.internal.WekaRandomForest;
import org.nautilus.research.internal.tracking.FileArtifactStore;
import org.nautilus.research.internal.tracking.MemoryTrackingStore;
import org.nautilus.research.internal.tracking.Tracker;
import org.nautilus.research.internal.training.HoldoutMetrics;

/**
 * {@code benchmarks/run.sh models [rows] [features] [wekaRows]}: the model families and the run tracker.
 * <ul>
 *   <li>LightGBM training (100 iterations, 31 leaves, 2 threads) on a GENERATED panel: {@code rows} × {@code features}
 *       standard normal features, the label a planted mix of linear, interaction and threshold terms plus noise
 *       (seeded), as the panel a factor model is trained on;</li>
 *   <li>single-row predict of the trained booster, p50/p99 over 200,000 calls after 50,000 warm-up calls;</li>
 *   <li>batch predict of 800 rows (one bar close of an 800-instrument universe), p50/p99 over 2,000 batches;</li>
 *   <li>a Weka random forest (100 trees, one thread) on the first {@code wekaRows} rows (0 to skip);</li>
 *   <li>the tracker: 10,000 runs (each with 12 parameters, 8 metrics, 3 tags) created through {@link Tracker} over
 *       an in-memory store, then listing all of them, the newest 20, and searching by a parameter and a tag,
 *       each p50/max over 50 repeats.</li>
 * </ul>
 * Defaults 1,000,000 rows × 40 features, Weka on 50,000. Ends with {@code models: VALUE s LightGBM training}.
 * {@code benchmarks/run.sh models alpha158 [instruments] [days] [wekaRows]} runs {@link Alpha158ModelsMain} instead.
 */
public final class ModelsMain {

    private ModelsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("alpha158")) {
            Alpha158ModelsMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int features = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int wekaRows = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        System.out.printf(Locale.ROOT, "%d cores, %s %s, OMP_WAIT_POLICY=%s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getenv("OMP_WAIT_POLICY"));

        LabelledMatrix panel = panel(rows, features, 42);
        Path natives = Files.createTempDirectory("nautilus-bench-lightgbm");
        LightGbmModel lightgbm = new LightGbmModel(2, natives);
        Map<String, String> params = Map.of("iterations", "100", "leaves", "31", "num.threads", "2");
        long t0 = System.nanoTime();
        FittedModel booster = lightgbm.fit(panel, params, 7);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "lightgbm training: %d rows x %d features, 100 iterations, 2 threads: %.2f s%n",
                rows, features, trainSeconds);
        double ic = HoldoutMetrics.correlation(booster.predict(Arrays.copyOfRange(panel.features(), 0, 20_000)),
                Arrays.copyOfRange(panel.targets(), 0, 20_000));
        System.out.printf(Locale.ROOT, "  in-sample correlation on 20,000 rows: %.3f (planted signal, sanity check)%n",
                ic);

        LabelledMatrix probe = panel(300_000, features, 99);
        double sink = predictLatencies(booster, probe.features());
        if (wekaRows > 0) {
            sink += wekaForest(panel, wekaRows, probe.features());
        }

        trackerListing();
        System.out.println("(checksum " + sink + ")");
        System.out.printf(Locale.ROOT, "models: %.2f s LightGBM training%n", trainSeconds);
    }

    /**
     * Single-row predict p50/p99/p99.9 over 200,000 calls after 50,000 warm-up calls, and batches of 800 rows
     * p50/p99 over 2,000 batches after 200, on rows of {@code probe} (at least 250,000 single rows are cycled).
     *
     * @return a checksum of the predictions (kept so the JIT cannot drop them)
     */
    static double predictLatencies(FittedModel booster, double[][] probe) {
        Histogram single = new Histogram(3);
        double sink = 0;
        for (int i = 0; i < 250_000; i++) {
            double[] row = probe[i % probe.length];
            long s = System.nanoTime();
            sink += booster.predict(row);
            long took = System.nanoTime() - s;
            if (i >= 50_000) {
                single.recordValue(took);
            }
        }
        System.out.printf(Locale.ROOT,
                "lightgbm single-row predict: p50 %.1f us, p99 %.1f us, p99.9 %.1f us (%d calls)%n",
                single.getValueAtPercentile(50) / 1e3, single.getValueAtPercentile(99) / 1e3,
                single.getValueAtPercentile(99.9) / 1e3, single.getTotalCount());

        // The platform's batch call and, alternating on the same batches, lightgbm4j's own predictForMat (one JNI
        // call per value each way: the platform's path before 2026-12-07 afternoon) on the same model, reloaded.
        Histogram batch = new Histogram(3);
        Histogram lightgbm4j = new Histogram(3);
        int columns = probe[0].length;
        try (LGBMBooster own = ownBooster(booster)) {
            double[] flat = new double[800 * columns];
            for (int i = 0; i < 2_200; i++) {
                int from = (i * 800) % (probe.length - 800);
                double[][] rowsOf800 = Arrays.copyOfRange(probe, from, from + 800);
                long s = System.nanoTime();
                double[] ours = booster.predict(rowsOf800);
                long took = System.nanoTime() - s;
                s = System.nanoTime();
                for (int r = 0; r < 800; r++) {
                    System.arraycopy(rowsOf800[r], 0, flat, r * columns, columns);
                }
                double[] theirs = own.predictForMat(flat, 800, columns, true, PredictionType.C_API_PREDICT_NORMAL);
                long tookOwn = System.nanoTime() - s;
                if (Double.doubleToRawLongBits(ours[799]) != Double.doubleToRawLongBits(theirs[799])) {
                    throw new IllegalStateException("the two batch paths disagree: " + ours[799] + " " + theirs[799]);
                }
                sink += ours[799];
                if (i >= 200) {
                    batch.recordValue(took);
                    lightgbm4j.recordValue(tookOwn);
                }
            }
        } catch (IOException | LGBMException e) {
            throw new IllegalStateException(e);
        }
        System.out.printf(Locale.ROOT, "lightgbm batch of 800 rows: p50 %.2f ms, p99 %.2f ms (%d batches); "
                + "lightgbm4j's predictForMat on the same batches: p50 %.2f ms, p99 %.2f ms%n",
                batch.getValueAtPercentile(50) / 1e6, batch.getValueAtPercentile(99) / 1e6, batch.getTotalCount(),
                lightgbm4j.getValueAtPercentile(50) / 1e6, lightgbm4j.getValueAtPercentile(99) / 1e6);
        return sink;
    }

    /** The fitted LightGBM model as lightgbm4j alone loads it (its artifact minus our header line). */
    private static LGBMBooster ownBooster(FittedModel booster) throws IOException, LGBMException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        booster.save(bytes);
        String text = bytes.toString(StandardCharsets.UTF_8);
        return LGBMBooster.loadModelFromString(text.substring(text.indexOf('\n') + 1));
    }

    /** A Weka random forest (100 trees, one thread) on the first {@code wekaRows} rows: training time, predict p50/p99. */
    static double wekaForest(LabelledMatrix panel, int wekaRows, double[][] probe) {
        return wekaForestTimed(panel, wekaRows, probe).checksum();
    }

    /** Seconds to train the forest and a checksum of its predictions (kept so the JIT cannot drop them). */
    record WekaTimed(double seconds, double checksum) {
    }

    /**
     * The shipped weka-forest plugin with its default parameters (100 trees, unlimited depth, Weka's default
     * features per split: log2(features) + 1; one execution slot) trained on the first {@code wekaRows} rows.
     */
    static WekaTimed wekaForestTimed(LabelledMatrix panel, int wekaRows, double[][] probe) {
        if (wekaRows > panel.rows()) {
            throw new IllegalArgumentException("a Weka sample of " + wekaRows + " rows needs a panel of at least as "
                    + "many; this panel has " + panel.rows() + " rows (more instruments or days)");
        }
        LabelledMatrix sample = new LabelledMatrix(panel.featureNames(), panel.targetName(),
                Arrays.copyOfRange(panel.features(), 0, wekaRows), Arrays.copyOfRange(panel.targets(), 0, wekaRows));
        WekaRandomForest family = new WekaRandomForest();
        long w = System.nanoTime();
        FittedModel forest = family.fit(sample, family.defaultParameters(), 7);
        double wekaSeconds = (System.nanoTime() - w) / 1e9;
        Histogram wekaPredict = new Histogram(3);
        double sink = 0;
        for (int i = 0; i < 20_000; i++) {
            long s = System.nanoTime();
            sink += forest.predict(probe[i % probe.length]);
            if (i >= 5_000) {
                wekaPredict.recordValue(System.nanoTime() - s);
            }
        }
        System.out.printf(Locale.ROOT, "weka random forest: %d rows x %d features, 100 trees, 1 thread: %.1f s; "
                + "single-row predict p50 %.1f us, p99 %.1f us%n", wekaRows, panel.featureNames().size(),
                wekaSeconds, wekaPredict.getValueAtPercentile(50) / 1e3, wekaPredict.getValueAtPercentile(99) / 1e3);
        return new WekaTimed(wekaSeconds, sink);
    }

    static void trackerListing() throws Exception {
        Path artifacts = Files.createTempDirectory("nautilus-bench-runs");
        try (Tracker tracker = new Tracker(new MemoryTrackingStore(),
                new FileArtifactStore(artifacts.resolve("store")), artifacts.resolve("local"), Clock.systemUTC())) {
            long c = System.nanoTime();
            for (int i = 0; i < 10_000; i++) {
                Run run = tracker.startRun("experiment-" + (i % 20), null, "run-" + i, i,
                        Map.of("nautilus-research", "0.1.0"));
                for (int p = 0; p < 12; p++) {
                    tracker.logParam(run.id(), "param." + p, Integer.toString((i + p) % 7));
                }
                for (int m = 0; m < 8; m++) {
                    tracker.logMetric(run.id(), "metric" + m, i * 0.001 + m, 0);
                }
                tracker.setTag(run.id(), "family", i % 2 == 0 ? "lightgbm" : "weka-random-forest");
                tracker.setTag(run.id(), "owner", "user" + (i % 5));
                tracker.setTag(run.id(), "note", "n" + i);
                tracker.endRun(run.id(), RunStatus.FINISHED);
            }
            double createSeconds = (System.nanoTime() - c) / 1e9;
            tracker.flush();
            double flushedSeconds = (System.nanoTime() - c) / 1e9;
            System.out.printf(Locale.ROOT, "tracker: 10,000 runs logged (12 params, 8 metrics, 3 tags each) in %.2f s, "
                    + "in the store after %.2f s%n", createSeconds, flushedSeconds);
            time("list all 10,000 runs", () -> tracker.runs(RunQuery.all()).size());
            time("list the newest 20", () -> tracker.runs(new RunQuery(null, null, null, null, true, 20)).size());
            time("search param.3=5 and tag family=lightgbm", () -> tracker.runs(new RunQuery(null, null,
                    Map.of("param.3", "5"), Map.of("family", "lightgbm"), false, 0)).size());
            time("search experiment-7, FINISHED", () -> tracker.runs(new RunQuery("experiment-7", RunStatus.FINISHED,
                    null, null, false, 0)).size());
        }
    }

    private static void time(String what, IntSupplier query) {
        long[] nanos = new long[50];
        int found = 0;
        for (int i = 0; i < nanos.length; i++) {
            long s = System.nanoTime();
            found = query.getAsInt();
            nanos[i] = System.nanoTime() - s;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "tracker %s: %d runs, p50 %.2f ms, max %.2f ms (first call %.2f ms)%n", what,
                found,
                sorted[25] / 1e6, sorted[49] / 1e6, nanos[0] / 1e6);
    }

    /** A seeded panel with a planted, partly non-linear signal in the first features (the rest are noise). */
    static LabelledMatrix panel(int rows, int features, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][features];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double[] row = x[i];
            for (int f = 0; f < features; f++) {
                row[f] = random.nextGaussian();
            }
            y[i] = 0.02 * row[0] - 0.015 * row[1] + 0.01 * row[2] * row[3] + (row[4] > 1 ? 0.02 : 0)
                    + 0.05 * random.nextGaussian();
        }
        List<String> names = IntStream.range(0, features).mapToObj(f -> "f" + f).toList();
        return new LabelledMatrix(names, "label", x, y);
    }

}
