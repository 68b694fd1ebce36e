package org.nautilus.research.internal.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.nautilus.api.research.Dataset;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrainingResult;
import org.nautilus.research.internal.tracking.Tracker;

/**
 * Trains a spec as a tracked run: expanding walk-forward folds (each a child run: fitted on the rows before its
 * test block, the {@code horizon + 1} rows whose labels reach into the test block purged, measured on the block),
 * then the model fitted on every row, saved as the run's {@value Tracker#MODEL_ARTIFACT}, and registered if the
 * spec says so.
 */
public final class Trainer {

    private final Tracker tracker;

    public Trainer(Tracker tracker) {
        this.tracker = tracker;
    }

    /**
     * @param codeVersion bundle and library versions
     * @param progress    told each step in one line
     * @return the finished parent run and, if registered, the version
     */
    public TrainingResult train(TrainingSpec spec, Model model, Map<String, String> codeVersion, FeatureRows rows,
                        Consumer<String> progress) {
        Dataset data = rows.dataset();
        Run parent = tracker.startRun(spec.experiment(), null, model.family(), spec.seed(), codeVersion);
        String id = parent.id();
        try {
            tracker.logParam(id, "family", model.family());
            Map<String, String> effective = new LinkedHashMap<>(model.defaultParameters());
            effective.putAll(spec.parameters());
            effective.forEach((k, v) -> tracker.logParam(id, "param." + k, v));
            tracker.logParam(id, "factors", String.join(",", data.featureNames()));
            tracker.logParam(id, "label", data.targetName());
            tracker.logParam(id, "instrument", spec.instrument().toString());
            tracker.logParam(id, "interval", spec.interval().toString());
            tracker.logParam(id, "bars", spec.bars().getFileName().toString());
            tracker.logParam(id, "from", String.valueOf(spec.from()));
            tracker.logParam(id, "to", String.valueOf(spec.to()));
            tracker.logParam(id, "folds", Integer.toString(spec.folds()));
            tracker.logParam(id, "rows", Integer.toString(data.rows()));
            tracker.logDataset(id, rows.digest());
            progress.accept("run " + id + " (" + spec.experiment() + "): " + data.rows() + " rows x "
                    + data.featureNames().size() + " features, " + rows.times()[0] + " .. "
                    + rows.times()[rows.times().length - 1] + ", dataset " + rows.digest().substring(0, 19));

            int n = data.rows();
            int block = n / (spec.folds() + 1);
            int purge = spec.horizon() + 1;
            if (block - purge < 10) {
                throw new IllegalArgumentException(n + " rows are too few for " + spec.folds() + " folds (each block "
                        + block + " rows, " + purge + " purged): use fewer folds or more data");
            }
            for (int k = 0; k < spec.folds(); k++) {
                long step = k;
                int testStart = (k + 1) * block;
                int testEnd = k == spec.folds() - 1 ? n : testStart + block;
                Run fold = tracker.startRun(spec.experiment(), id, "fold-" + k, spec.seed(), codeVersion);
                tracker.logParam(fold.id(), "train.rows", "0.." + (testStart - purge));
                tracker.logParam(fold.id(), "test.rows", testStart + ".." + testEnd);
                long started = System.nanoTime();
                FittedModel fitted = model.fit(slice(data, 0, testStart - purge), spec.parameters(), spec.seed());
                Dataset test = slice(data, testStart, testEnd);
                double[] predicted = fitted.predict(test.features());
                double mean = Arrays.stream(data.targets(), 0, testStart - purge).average().orElse(0);
                Map<String, Double> metrics = HoldoutMetrics.of(predicted, test.targets(), mean);
                metrics.forEach((key, value) -> {
                    tracker.logMetric(fold.id(), key, value, 0);
                    tracker.logMetric(id, key, value, step); // the parent's history: one step per fold
                });
                tracker.endRun(fold.id(), RunStatus.FINISHED);
                progress.accept(String.format("fold %d/%d: train %d rows, test %d rows in %d ms: correlation %.4f, "
                                + "rmse %.6f (baseline %.6f)", k + 1, spec.folds(), testStart - purge, testEnd - testStart,
                        (System.nanoTime() - started) / 1_000_000, metrics.get(HoldoutMetrics.CORRELATION),
                        metrics.get(HoldoutMetrics.RMSE), metrics.get(HoldoutMetrics.BASELINE_RMSE)));
            }

            long started = System.nanoTime();
            FittedModel fitted = model.fit(data, spec.parameters(), spec.seed());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            fitted.save(bytes);
            tracker.logArtifact(id, Tracker.MODEL_ARTIFACT, bytes.toByteArray());
            StringBuilder importance = new StringBuilder("feature\timportance\n");
            fitted.importance().forEach((f, v) -> importance.append(f).append('\t').append(v).append('\n'));
            tracker.logArtifact(id, "importance.tsv", importance.toString().getBytes(StandardCharsets.UTF_8));
            tracker.endRun(id, RunStatus.FINISHED);
            progress.accept("final model on " + n + " rows in " + (System.nanoTime() - started) / 1_000_000 + " ms, "
                    + bytes.size() + " bytes: run " + id + " FINISHED");
            ModelVersion version = null;
            if (spec.register() != null) {
                version = tracker.register(spec.register(), id, model.family(), data.featureNames());
                progress.accept("registered " + spec.register() + " version " + version.version());
            }
            return new TrainingResult(tracker.run(id).orElseThrow(), version);
        } catch (RuntimeException | IOException e) {
            tracker.setTag(id, "error", String.valueOf(e.getMessage()));
            try {
                tracker.endRun(id, RunStatus.FAILED);
            } catch (IllegalStateException alreadyEnded) {
                // ended before the failure (registration failed): keep its status
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("run " + id + " failed: " + e.getMessage(), e);
        }
    }

    static Dataset slice(Dataset data, int from, int to) {
        return new Dataset(data.featureNames(), data.targetName(), Arrays.copyOfRange(data.features(), from, to),
                Arrays.copyOfRange(data.targets(), from, to));
    }


}
