package org.nautilus.research.internal.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.dataset.Split;
import org.nautilus.api.research.dataset.SplitSpec;
import org.nautilus.api.research.evaluation.IcSummary;
import org.nautilus.research.internal.dataset.Splits;
import org.nautilus.research.internal.stats.CrossSection;

/**
 * Out-of-sample scoring over validation splits: cross-validated IC, hyper-parameter search that looks only inside
 * training folds, and permutation feature importance on the validation folds.
 */
public final class Validation {

    private Validation() {
    }

    /**
     * The mean daily IC of a learner's predictions on each split's test rows, fitted on its train rows; the summary
     * is over every test date of every split.
     */
    public static <P> IcSummary crossValidatedIc(PanelDataset panel, List<Split> splits, Learner<P> learner,
            P params) {
        List<Double> daily = new ArrayList<>();
        for (Split split : splits) {
            Learner.Scorer scorer = learner.fit(panel, split.train(), params);
            daily.addAll(testIcs(panel, split.test(), scorer, -1, null));
        }
        return FactorEvaluator.summary(daily.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A hyper-parameter search nested in one outer split: each candidate is scored by its cross-validated IC over
     * {@code inner} splits cut from the outer split's training rows only (never its test rows), the best is
     * refitted on all the outer training rows and scored on the outer test rows.
     *
     * @return the candidates' inner scores, the chosen one and its outer test IC
     */
    public static <P> SearchResult<P> search(PanelDataset panel, Split outer, SplitSpec inner, List<P> candidates,
            Learner<P> learner) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one candidate");
        }
        int[] outerTrain = outer.train();
        PanelDataset training = panel.select(outerTrain);
        List<Split> innerSplits = Splits.split(training, inner);
        // The learner sees the inner folds as rows of the full panel, so its fits read only outer-training rows.
        Learner<P> onTraining = (p, rows, params) -> {
            Learner.Scorer scorer = learner.fit(panel, mapRows(outerTrain, rows), params);
            return (q, row, features) -> scorer.score(panel, outerTrain[row], features);
        };
        Map<P, Double> scores = new LinkedHashMap<>();
        P best = null;
        for (P candidate : candidates) {
            double score = crossValidatedIc(training, innerSplits, onTraining, candidate).mean();
            scores.put(candidate, score);
            if (best == null || score > scores.get(best)) {
                best = candidate;
            }
        }
        Learner.Scorer refit = learner.fit(panel, outerTrain, best);
        List<Double> outerIcs = testIcs(panel, outer.test(), refit, -1, null);
        return new SearchResult<>(scores, best,
                FactorEvaluator.summary(outerIcs.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /**
     * A grid: every combination of the listed values, in order (the last name varies fastest).
     */
    public static List<Map<String, Object>> grid(Map<String, List<?>> values) {
        List<Map<String, Object>> grid = new ArrayList<>();
        grid.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<?>> entry : values.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : grid) {
                for (Object value : entry.getValue()) {
                    Map<String, Object> point = new LinkedHashMap<>(partial);
                    point.put(entry.getKey(), value);
                    next.add(point);
                }
            }
            grid = next;
        }
        return grid;
    }

    /** {@code count} points drawn from the grid without repetition, by seed (random search). */
    public static List<Map<String, Object>> random(Map<String, List<?>> values, int count, long seed) {
        List<Map<String, Object>> all = grid(values);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = all.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Map<String, Object> swap = all.get(i);
            all.set(i, all.get(j));
            all.set(j, swap);
        }
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    /**
     * Permutation importance on the validation folds: per split, the test IC of the fitted learner minus its test
     * IC with one feature's values shuffled across the test rows of each date; averaged over splits.
     *
     * @return per feature name, the mean drop in IC (positive = the model relies on it)
     */
    public static <P> Map<String, Double> permutationImportance(PanelDataset panel, List<Split> splits,
            Learner<P> learner, P params, long seed) {
        int features = panel.featureNames().size();
        double[] drop = new double[features];
        for (Split split : splits) {
            Learner.Scorer scorer = learner.fit(panel, split.train(), params);
            double base = mean(testIcs(panel, split.test(), scorer, -1, null));
            for (int f = 0; f < features; f++) {
                double permuted = mean(testIcs(panel, split.test(), scorer, f, new SplittableRandom(seed + f)));
                drop[f] += (base - permuted) / splits.size();
            }
        }
        Map<String, Double> importance = new LinkedHashMap<>();
        for (int f = 0; f < features; f++) {
            importance.put(panel.featureNames().get(f), drop[f]);
        }
        return importance;
    }

    /**
     * Permutation importance on one held-out block of one instrument's rows (a time series, where a date holds one
     * row and {@link #permutationImportance} has nothing to shuffle within it): per feature, the IC (Pearson) of the
     * predictions over the block minus their IC with that feature's column shuffled across the block's rows (seeded
     * by {@code seed + feature}). The rows are not changed.
     *
     * @param predict a fitted model's batch prediction
     * @return per feature column, the drop in IC (positive = the model relies on it; NaN where an IC is undefined)
     */
    public static double[] permutationDrops(double[][] rows, double[] labels, Function<double[][], double[]> predict,
            long seed) {
        int features = rows.length == 0 ? 0 : rows[0].length;
        double base = CrossSection.pearson(predict.apply(rows), labels, 0, rows.length);
        double[] drops = new double[features];
        double[][] permuted = new double[rows.length][];
        for (int f = 0; f < features; f++) {
            int[] source = new int[rows.length];
            Arrays.setAll(source, i -> i);
            shuffle(source, new SplittableRandom(seed + f));
            for (int i = 0; i < rows.length; i++) {
                permuted[i] = rows[i].clone();
                permuted[i][f] = rows[source[i]][f];
            }
            drops[f] = base - CrossSection.pearson(predict.apply(permuted), labels, 0, rows.length);
        }
        return drops;
    }

    /** Daily ICs of a scorer over test rows (ascending), with feature {@code permute} shuffled within each date. */
    private static List<Double> testIcs(PanelDataset panel, int[] test, Learner.Scorer scorer, int permute,
            SplittableRandom random) {
        List<Double> ics = new ArrayList<>();
        int i = 0;
        while (i < test.length) {
            int j = i;
            while (j < test.length && panel.dateIndex(test[j]) == panel.dateIndex(test[i])) {
                j++;
            }
            int n = j - i;
            int[] source = new int[n];
            for (int k = 0; k < n; k++) {
                source[k] = test[i + k];
            }
            if (permute >= 0) {
                shuffle(source, random);
            }
            double[] scores = new double[n];
            double[] labels = new double[n];
            for (int k = 0; k < n; k++) {
                int row = test[i + k];
                double[] features = panel.featureRow(row);
                if (permute >= 0) {
                    features = features.clone();
                    features[permute] = panel.feature(source[k], permute);
                }
                scores[k] = scorer.score(panel, row, features);
                labels[k] = panel.label(row);
            }
            double ic = CrossSection.pearson(scores, labels, 0, n);
            if (!Double.isNaN(ic)) {
                ics.add(ic);
            }
            i = j;
        }
        return ics;
    }

    /** Fisher-Yates, in place. */
    private static void shuffle(int[] values, SplittableRandom random) {
        for (int k = values.length - 1; k > 0; k--) {
            int m = random.nextInt(k + 1);
            int swap = values[k];
            values[k] = values[m];
            values[m] = swap;
        }
    }

    private static int[] mapRows(int[] outerTrain, int[] innerRows) {
        int[] rows = new int[innerRows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = outerTrain[innerRows[i]];
        }
        return rows;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /**
     * A search's outcome.
     *
     * @param innerScores per candidate, its cross-validated IC inside the outer training rows
     * @param best        the candidate chosen
     * @param outerTest   the chosen candidate's IC on the outer test rows
     */
    public record SearchResult<P>(Map<P, Double> innerScores, P best, IcSummary outerTest) {
        public SearchResult {
            innerScores = Collections.unmodifiableMap(new LinkedHashMap<>(innerScores));
        }
    }

}
