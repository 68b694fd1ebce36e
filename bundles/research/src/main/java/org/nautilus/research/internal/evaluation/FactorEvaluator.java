package org.nautilus.research.internal.evaluation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.nautilus.api.research.dataset.PanelDataset;
import org.nautilus.api.research.evaluation.DailyIc;
import org.nautilus.api.research.evaluation.FactorEvaluation;
import org.nautilus.api.research.evaluation.IcSummary;
import org.nautilus.api.research.evaluation.QuantileReturns;
import org.nautilus.research.internal.stats.CrossSection;

/**
 * Evaluates a score per row (a factor's values or a model's predictions; NaN = no score) against a panel's labels,
 * per date across instruments, with the formulas of research-methods.md §5 (Qlib and alphalens):
 *
 * <ul>
 * <li>IC_t = Pearson(score, label) over the date's rows with both; Rank IC_t = Spearman (average ranks);
 * <li>ICIR = mean/std of IC_t (sample std), t = mean/(std/√T);
 * <li>quantiles per date as pandas {@code qcut(score, Q)} (edges at the linear-interpolated quantiles, right-closed
 *     bins, 1 = lowest); a date whose edges repeat is left out of the quantile statistics, as alphalens cannot
 *     bucket it either; labels demeaned by the date's mean; mean over dates and std over dates / √dates;
 * <li>turnover of quantile q = |S_t(q) \ S_{t−1}(q)| / |S_t(q)| between consecutive dates;
 * <li>rank autocorrelation = Pearson of the date's score ranks with the previous date's ranks of the same
 *     instruments (alphalens {@code factor_rank_autocorrelation});
 * <li>long-short return_t = mean label of the top quantile − mean label of the bottom one; its cumulative sum and
 *     Sharpe = mean/std·√252.
 * </ul>
 */
public final class FactorEvaluator {

    private FactorEvaluator() {
    }

    public static FactorEvaluation evaluate(String name, PanelDataset panel, double[] scores, int quantiles) {
        if (scores.length != panel.rows()) {
            throw new IllegalArgumentException(scores.length + " scores for " + panel.rows() + " rows");
        }
        double[] labels = panel.labels();
        int dates = panel.dates().size();
        List<DailyIc> daily = new ArrayList<>();
        List<double[]> perDateQuantiles = new ArrayList<>();
        List<LocalDate> longShortDates = new ArrayList<>();
        List<Double> longShortReturns = new ArrayList<>();
        List<Double> topTurnover = new ArrayList<>();
        List<Double> bottomTurnover = new ArrayList<>();
        List<Double> autocorrelation = new ArrayList<>();
        Set<Integer> previousTop = null;
        Set<Integer> previousBottom = null;
        double[] previousRanks = null; // by instrument index, NaN = not scored

        for (int d = 0; d < dates; d++) {
            int from = panel.dateStart(d);
            int to = panel.dateStart(d + 1);
            int count = 0;
            for (int r = from; r < to; r++) {
                count += !Double.isNaN(scores[r]) ? 1 : 0;
            }
            LocalDate date = panel.dates().get(d);
            daily.add(new DailyIc(date, count, CrossSection.pearson(scores, labels, from, to),
                    CrossSection.spearman(scores, labels, from, to)));

            // Rank autocorrelation with the previous date, over the instruments scored on both.
            double[] ranks = new double[to - from];
            CrossSection.averageRanks(scores, from, to, ranks);
            double[] rankByInstrument = new double[panel.instruments().size()];
            Arrays.fill(rankByInstrument, Double.NaN);
            for (int r = from; r < to; r++) {
                rankByInstrument[panel.instrumentIndex(r)] = ranks[r - from];
            }
            if (previousRanks != null) {
                double ac = CrossSection.pearson(rankByInstrument, previousRanks, 0, rankByInstrument.length);
                if (!Double.isNaN(ac)) {
                    autocorrelation.add(ac);
                }
            }
            previousRanks = rankByInstrument;

            int[] bucket = qcut(scores, from, to, quantiles);
            if (bucket == null) {
                previousTop = null;
                previousBottom = null;
                continue;
            }
            double[] sum = new double[quantiles];
            int[] n = new int[quantiles];
            double labelSum = 0;
            int labelCount = 0;
            for (int r = from; r < to; r++) {
                if (bucket[r - from] >= 0) {
                    sum[bucket[r - from]] += labels[r];
                    n[bucket[r - from]]++;
                    labelSum += labels[r];
                    labelCount++;
                }
            }
            double dateMean = labelSum / labelCount;
            double[] means = new double[quantiles];
            for (int q = 0; q < quantiles; q++) {
                means[q] = n[q] == 0 ? Double.NaN : sum[q] / n[q] - dateMean;
            }
            perDateQuantiles.add(means);
            longShortDates.add(date);
            longShortReturns.add(means[quantiles - 1] - means[0]);

            Set<Integer> top = members(panel, bucket, from, quantiles - 1);
            Set<Integer> bottom = members(panel, bucket, from, 0);
            if (previousTop != null) {
                topTurnover.add(turnover(top, previousTop));
                bottomTurnover.add(turnover(bottom, previousBottom));
            }
            previousTop = top;
            previousBottom = bottom;
        }

        List<Double> quantileMean = new ArrayList<>();
        List<Double> quantileError = new ArrayList<>();
        for (int q = 0; q < quantiles; q++) {
            double[] series = new double[perDateQuantiles.size()];
            for (int t = 0; t < series.length; t++) {
                series[t] = perDateQuantiles.get(t)[q];
            }
            IcSummary stats = summary(series);
            quantileMean.add(stats.mean());
            quantileError.add(stats.stdErr());
        }
        double spread = quantileMean.get(quantiles - 1) - quantileMean.get(0);
        double spreadError = Math.sqrt(square(quantileError.get(quantiles - 1)) + square(quantileError.get(0)));

        double[] ls = longShortReturns.stream().mapToDouble(Double::doubleValue).toArray();
        List<Double> cumulative = new ArrayList<>();
        double total = 0;
        for (double value : ls) {
            total += value;
            cumulative.add(total);
        }
        IcSummary lsStats = summary(ls);
        double sharpe = lsStats.std() > 0 ? lsStats.mean() / lsStats.std() * Math.sqrt(252) : Double.NaN;

        TreeMap<YearMonth, List<Double>> byMonth = new TreeMap<>();
        for (DailyIc day : daily) {
            if (!Double.isNaN(day.ic())) {
                byMonth.computeIfAbsent(YearMonth.from(day.date()), m -> new ArrayList<>()).add(day.ic());
            }
        }
        TreeMap<YearMonth, Double> monthly = new TreeMap<>();
        byMonth.forEach((month, values) -> monthly.put(month,
                values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));

        return new FactorEvaluation(name, panel.digest(), panel.request().source().canonical(), daily,
                summary(daily.stream().mapToDouble(DailyIc::ic).toArray()),
                summary(daily.stream().mapToDouble(DailyIc::rankIc).toArray()),
                new QuantileReturns(quantileMean, quantileError, spread, spreadError),
                mean(topTurnover), mean(bottomTurnover), mean(autocorrelation), monthly, longShortDates, cumulative,
                sharpe);
    }

    /** Mean, sample std, mean/std, t-stat and standard error over the non-NaN values. */
    public static IcSummary summary(double[] series) {
        double sum = 0;
        int n = 0;
        for (double value : series) {
            if (!Double.isNaN(value)) {
                sum += value;
                n++;
            }
        }
        if (n == 0) {
            return new IcSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0;
        for (double value : series) {
            if (!Double.isNaN(value)) {
                squares += square(value - mean);
            }
        }
        double std = n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1));
        double stdErr = std / Math.sqrt(n);
        return new IcSummary(n, mean, std, mean / std, mean / stdErr, stdErr);
    }

    /**
     * pandas {@code qcut(x, q, labels=False)} over {@code scores[from, to)}: bucket 0..q−1 per value, −1 for NaN;
     * null when the quantile edges are not distinct (qcut refuses such data) or fewer than q values.
     */
    static int[] qcut(double[] scores, int from, int to, int q) {
        double[] present = new double[to - from];
        int n = 0;
        for (int r = from; r < to; r++) {
            if (!Double.isNaN(scores[r])) {
                present[n++] = scores[r];
            }
        }
        if (n < q) {
            return null;
        }
        double[] sorted = Arrays.copyOf(present, n);
        Arrays.sort(sorted);
        double[] edges = new double[q + 1];
        for (int j = 0; j <= q; j++) {
            double position = (double) j / q * (n - 1); // numpy's linear quantile
            int below = (int) Math.floor(position);
            int above = Math.min(n - 1, below + 1);
            edges[j] = sorted[below] + (sorted[above] - sorted[below]) * (position - below);
        }
        for (int j = 1; j <= q; j++) {
            if (!(edges[j] > edges[j - 1])) {
                return null;
            }
        }
        int[] bucket = new int[to - from];
        for (int r = from; r < to; r++) {
            double x = scores[r];
            if (Double.isNaN(x)) {
                bucket[r - from] = -1;
                continue;
            }
            int b = 0;
            while (b < q - 1 && x > edges[b + 1]) {
                b++;
            }
            bucket[r - from] = b;
        }
        return bucket;
    }

    private static Set<Integer> members(PanelDataset panel, int[] bucket, int from, int quantile) {
        Set<Integer> members = new HashSet<>();
        for (int i = 0; i < bucket.length; i++) {
            if (bucket[i] == quantile) {
                members.add(panel.instrumentIndex(from + i));
            }
        }
        return members;
    }

    private static double turnover(Set<Integer> now, Set<Integer> before) {
        if (now.isEmpty()) {
            return Double.NaN;
        }
        int fresh = 0;
        for (Integer instrument : now) {
            fresh += before.contains(instrument) ? 0 : 1;
        }
        return (double) fresh / now.size();
    }

    private static double mean(List<Double> values) {
        return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).average()
                .orElse(Double.NaN);
    }

    private static double square(double x) {
        return x * x;
    }
}
