package org.nautilus.research.internal.training;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.LabelledMatrix;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Split;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrainingResult;
import org.nautilus.research.internal.dataset.Splits;
import org.nautilus.research.internal.evaluation.Validation;
import org.nautilus.research.internal.report.ModelReportWriter;
import org.nautilus.research.internal.stats.CrossSection;
import org.nautilus.research.internal.tracking.Tracker;

/**
 * Trains a spec as a tracked run: folds cut by {@link Splits} as the spec's validation says (expanding or rolling
 * walk-forward, purged K-fold, CPCV; each fold a child run: fitted on its training rows, rows whose label ends
 * after the test block starts purged, parameters chosen by the spec's search inside those rows only, measured on the block with
 * rmse etc., or accuracy, AUC and log-loss for a direction classifier, and the information coefficients),
 * then the model fitted on every row, saved as the run's {@value Tracker#MODEL_ARTIFACT}, and registered if the
 * spec says so.
 */
public final class Trainer {

    /** The information coefficient of the predictions on a fold's test rows (Pearson). */
    public static final String IC = "ic";
    /** The rank information coefficient (Spearman). */
    public static final String RANK_IC = "rank-ic";
    /** Permutation importance on the validation folds, per feature: the IC lost with its values shuffled. */
    public static final String PERMUTATION_ARTIFACT = "permutation-importance.tsv";
    /** A fold must train and test on at least this many rows. */
    static final int MIN_FOLD_ROWS = 10;

    private final Tracker tracker;

    public Trainer(Tracker tracker) {
        this.tracker = tracker;
    }

    /**
     * @param codeVersion bundle and library versions
     * @param progress    told each step in one line
     * @return the finished parent run and, if registered, the version
     */
    public TrainingResult train(TrainingSpec spec, Model model, Map<String, String> codeVersion, TrainingPanel rows,
            Consumer<String> progress) {
        LabelledMatrix data = rows.matrix();
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
            tracker.logParam(id, "validation", spec.validation().scheme());
            if (spec.search() != null) {
                tracker.logParam(id, "search", spec.search().method() + " " + spec.search().space()
                        + (spec.search().method().equals("random") ? " trials " + spec.search().trials() : "")
                        + ", inner folds " + spec.search().folds());
            }
            tracker.logParam(id, "rows", Integer.toString(data.rows()));
            tracker.logDataset(id, rows.digest());
            progress.accept("run " + id + " (" + spec.experiment() + "): " + data.rows() + " rows x "
                    + data.featureNames().size() + " features, " + rows.panel().dates().get(0) + " .. "
                    + rows.panel().dates().get(rows.panel().dates().size() - 1) + ", dataset "
                    + rows.digest().substring(0, 19));

            int n = data.rows();
            List<ModelReportWriter.Fold> reported = new ArrayList<>();
            List<Split> splits = Splits.split(rows.panel(), splitSpec(spec, rows.panel().dates().size()));
            List<Map<String, String>> candidates = candidates(spec, model);
            double[] permutation = new double[data.featureNames().size()];
            for (int k = 0; k < splits.size(); k++) {
                long step = k;
                Split split = splits.get(k);
                if (split.train().length < MIN_FOLD_ROWS || split.test().length < MIN_FOLD_ROWS) {
                    throw new IllegalArgumentException(n + " rows are too few for " + spec.folds() + " folds ("
                            + split.name() + " trains on " + split.train().length + " rows and tests on "
                            + split.test().length + " after purging; each needs " + MIN_FOLD_ROWS
                            + "): use fewer folds or more data");
                }
                Run fold = tracker.startRun(spec.experiment(), id, "fold-" + k, spec.seed(), codeVersion);
                tracker.logParam(fold.id(), "split", split.name());
                tracker.logParam(fold.id(), "train.dates", range(rows.panel(), split.train()));
                tracker.logParam(fold.id(), "test.dates", range(rows.panel(), split.test()));
                long started = System.nanoTime();
                LabelledMatrix train = rows.matrix(split.train());
                Map<String, String> chosen = chooseParameters(spec, model, rows, split.train(), candidates,
                        fold.id(), progress);
                FittedModel fitted = model.fit(train, chosen, spec.seed());
                LabelledMatrix test = rows.matrix(split.test());
                double[] predicted = fitted.predict(test.features());
                boolean direction = model.output() == Model.Output.PROBABILITY_UP;
                Map<String, Double> metrics = new LinkedHashMap<>(direction
                        ? HoldoutMetrics.ofDirection(predicted, test.targets(),
                                Arrays.stream(train.targets()).map(t -> t > 0 ? 1 : 0).average().orElse(0.5))
                        : HoldoutMetrics.of(predicted, test.targets(),
                                Arrays.stream(train.targets()).average().orElse(0)));
                // One instrument: the information coefficient over the test block's dates (time series).
                metrics.put(IC, CrossSection.pearson(predicted, test.targets(), 0, predicted.length));
                metrics.put(RANK_IC, CrossSection.spearman(predicted, test.targets(), 0, predicted.length));
                metrics.forEach((key, value) -> {
                    tracker.logMetric(fold.id(), key, value, 0);
                    tracker.logMetric(id, key, value, step); // the parent's history: one step per fold
                });
                double[] drops = Validation.permutationDrops(test.features(), test.targets(), fitted::predict,
                        spec.seed());
                for (int f = 0; f < permutation.length; f++) {
                    permutation[f] += drops[f] / splits.size();
                }
                tracker.endRun(fold.id(), RunStatus.FINISHED);
                reported.add(new ModelReportWriter.Fold(split.name(), metrics));
                progress.accept(String.format(
                        "fold %d/%d: train %d rows, test %d rows in %d ms: ic %.4f, rank ic %.4f, "
                                + "%s",
                        k + 1, splits.size(), train.rows(), test.rows(),
                        (System.nanoTime() - started) / 1_000_000, metrics.get(IC), metrics.get(RANK_IC), direction
                                ? String.format(
                                        "accuracy %.4f (baseline %.4f), auc %.4f, log-loss %.4f (baseline %.4f)",
                                        metrics.get(HoldoutMetrics.ACCURACY),
                                        metrics.get(HoldoutMetrics.BASELINE_ACCURACY),
                                        metrics.get(HoldoutMetrics.AUC), metrics.get(HoldoutMetrics.LOG_LOSS),
                                        metrics.get(HoldoutMetrics.BASELINE_LOG_LOSS))
                                : String.format("rmse %.6f (baseline %.6f)", metrics.get(HoldoutMetrics.RMSE),
                                        metrics.get(HoldoutMetrics.BASELINE_RMSE))));
            }

            Map<String, Double> permuted = new LinkedHashMap<>();
            for (int f = 0; f < permutation.length; f++) {
                permuted.put(data.featureNames().get(f), permutation[f]);
            }
            progress.accept("permutation importance (IC lost with the feature shuffled, mean of " + splits.size()
                    + " folds): " + ranked(permuted, 10));

            long started = System.nanoTime();
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            Map<String, String> chosen = chooseParameters(spec, model, rows, all, candidates, id, progress);
            FittedModel fitted = model.fit(data, chosen, spec.seed());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            fitted.save(bytes);
            tracker.logArtifact(id, Tracker.MODEL_ARTIFACT, bytes.toByteArray());
            tracker.logArtifact(id, "importance.tsv", tsv("importance", fitted.importance()));
            tracker.logArtifact(id, PERMUTATION_ARTIFACT, tsv("ic-drop", permuted));
            Map<String, String> shown = new LinkedHashMap<>(tracker.run(id).orElseThrow().params());
            ModelReportWriter.write(spec.experiment() + " / " + model.family() + " / run " + id, shown, reported,
                    fitted.importance(), permuted).forEach((name, content) -> tracker.logArtifact(id, name, content));
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

    /** A TSV of {@code feature, value} rows under a header naming the value. */
    private static byte[] tsv(String value, Map<String, Double> values) {
        StringBuilder out = new StringBuilder("feature\t").append(value).append('\n');
        values.forEach((f, v) -> out.append(f).append('\t').append(v).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code limit} largest values, e.g. {@code KMID 0.0412, ROC5 0.0107}. */
    static String ranked(Map<String, Double> values, int limit) {
        StringBuilder out = new StringBuilder();
        values.entrySet().stream()
                .sorted(Map.Entry.<String, Double> comparingByValue(
                        (a, b) -> Double.compare(Double.isNaN(b) ? Double.NEGATIVE_INFINITY : b,
                                Double.isNaN(a) ? Double.NEGATIVE_INFINITY : a)))
                .limit(limit)
                .forEach(e -> out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", e.getValue())));
        return values.size() > limit ? out + ", ... (" + values.size() + " in " + PERMUTATION_ARTIFACT + ")"
                : out.toString();
    }

    /** The spec's validation scheme over {@code dates} dates. */
    static SplitSpec splitSpec(TrainingSpec spec, int dates) {
        TrainingSpec.Validation v = spec.validation();
        return switch (v.scheme()) {
            case "walk-forward" -> walkForward(dates, spec.folds());
            case "rolling" -> {
                SplitSpec.WalkForward expanding = walkForward(dates, spec.folds());
                int window = v.window() > 0 ? v.window() : expanding.trainDates();
                if (window >= dates) {
                    throw new IllegalArgumentException(
                            "a rolling window of " + window + " dates leaves nothing to test in "
                                    + dates + " dates");
                }
                int block = Math.max(1, (dates - window + spec.folds() - 1) / spec.folds());
                yield new SplitSpec.WalkForward(window, block, false);
            }
            case "purged-kfold" -> new SplitSpec.PurgedKFold(spec.folds(), v.embargo());
            case "cpcv" -> new SplitSpec.CombinatorialPurged(spec.folds(), v.testGroups(), v.embargo());
            default -> throw new IllegalArgumentException("unknown validation " + v.scheme());
        };
    }

    /**
     * The search's candidate parameter sets (each the spec's parameters overridden by one grid point), or the spec's
     * parameters alone when it searches nothing. Every searched name must be one of the family's parameters.
     */
    static List<Map<String, String>> candidates(TrainingSpec spec, Model model) {
        if (spec.search() == null) {
            return List.of(spec.parameters());
        }
        Set<String> unknown = new TreeSet<>(spec.search().space().keySet());
        unknown.removeAll(model.defaultParameters().keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    model.family() + " has no parameters " + unknown + " to search; it takes "
                            + new TreeSet<>(model.defaultParameters().keySet()));
        }
        Map<String, List<?>> space = new LinkedHashMap<>(spec.search().space());
        List<Map<String, Object>> points = spec.search().method().equals("random")
                ? Validation.random(space, spec.search().trials(), spec.seed())
                : Validation.grid(space);
        List<Map<String, String>> candidates = new ArrayList<>();
        for (Map<String, Object> point : points) {
            Map<String, String> parameters = new LinkedHashMap<>(spec.parameters());
            point.forEach((k, v) -> parameters.put(k, String.valueOf(v)));
            candidates.add(Map.copyOf(parameters));
        }
        return candidates;
    }

    /**
     * The candidate with the best mean inner IC over expanding walk-forward folds cut from {@code trainRows} only
     * (the fold's test rows are never seen), logged on {@code runId}; the only candidate when nothing is searched.
     */
    private Map<String, String> chooseParameters(TrainingSpec spec, Model model, TrainingPanel rows, int[] trainRows,
            List<Map<String, String>> candidates, String runId,
            Consumer<String> progress) {
        if (candidates.size() == 1 && spec.search() == null) {
            return candidates.get(0);
        }
        PanelDataset training = rows.panel().select(trainRows);
        List<Split> inner = Splits.split(training, walkForward(training.dates().size(), spec.search().folds()));
        Map<String, String> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < candidates.size(); c++) {
            Map<String, String> candidate = candidates.get(c);
            double sum = 0;
            int counted = 0;
            for (Split split : inner) {
                if (split.train().length < MIN_FOLD_ROWS || split.test().length < MIN_FOLD_ROWS) {
                    continue;
                }
                FittedModel fitted = model.fit(rows.matrix(map(trainRows, split.train())), candidate, spec.seed());
                LabelledMatrix test = rows.matrix(map(trainRows, split.test()));
                double ic = CrossSection.pearson(fitted.predict(test.features()), test.targets(), 0, test.rows());
                if (!Double.isNaN(ic)) {
                    sum += ic;
                    counted++;
                }
            }
            if (counted == 0) {
                throw new IllegalArgumentException("the search's inner folds are too small: " + trainRows.length
                        + " training rows in " + spec.search().folds()
                        + " inner folds; use fewer search.folds or more data");
            }
            double score = sum / counted;
            tracker.logMetric(runId, "search.inner-ic", score, c);
            if (best == null || score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        Map<String, String> chosen = best;
        spec.search().space().keySet().forEach(k -> tracker.logParam(runId, "chosen." + k, chosen.get(k)));
        progress.accept(String.format("search: %d candidates inside %d training rows, chose %s (inner ic %.4f)",
                candidates.size(), trainRows.length, searched(spec, chosen), bestScore));
        return chosen;
    }

    private static Map<String, String> searched(TrainingSpec spec, Map<String, String> parameters) {
        Map<String, String> shown = new LinkedHashMap<>();
        spec.search().space().keySet().forEach(k -> shown.put(k, parameters.get(k)));
        return shown;
    }

    /** Inner rows (indices into {@code outer}) as rows of the full panel. */
    private static int[] map(int[] outer, int[] inner) {
        int[] rows = new int[inner.length];
        for (int i = 0; i < inner.length; i++) {
            rows[i] = outer[inner[i]];
        }
        return rows;
    }

    /**
     * Expanding walk-forward in {@code folds} windows: the first {@code dates / (folds + 1)} dates train the first
     * window, the rest is cut into {@code folds} test blocks; training rows whose label ends after a block starts
     * are purged ({@link Splits}).
     */
    static SplitSpec.WalkForward walkForward(int dates, int folds) {
        int first = dates / (folds + 1);
        if (first < 1) {
            throw new IllegalArgumentException(dates + " dates are too few for " + folds + " folds");
        }
        int block = Math.max(1, (dates - first + folds - 1) / folds);
        return new SplitSpec.WalkForward(first, block, true);
    }

    /** The first and last date of the rows, e.g. {@code 2013-01-02..2013-06-28}. */
    private static String range(PanelDataset panel, int[] rows) {
        return rows.length == 0 ? "none" : panel.date(rows[0]) + ".." + panel.date(rows[rows.length - 1]);
    }
}
