package org.nautilus.api.research.evaluation;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The evaluation of one score (a factor or a model's predictions) against a label, per date across instruments.
 *
 * @param name                 what was scored, e.g. a factor name
 * @param datasetDigest        digest of the dataset evaluated (provenance)
 * @param source               the data's source, e.g. {@code generated:seed=…} (never presented as real)
 * @param daily                per date: count, IC, Rank IC
 * @param ic                   summary of the daily Pearson IC
 * @param rankIc               summary of the daily Rank IC
 * @param quantiles            quantile returns
 * @param topTurnover          mean share of the top quantile's names that are new from one date to the next
 * @param bottomTurnover       the same for the bottom quantile
 * @param rankAutocorrelation  mean over dates of the Pearson correlation of an instrument's score rank with its
 *                             rank on the previous date
 * @param monthlyIc            mean daily IC per calendar month
 * @param longShortDates       dates of the long-short curve
 * @param longShortCumulative  cumulative sum of the daily (top quantile mean − bottom quantile mean) label
 * @param longShortSharpe      mean / std of the daily long-short return × √252
 */
public record FactorEvaluation(String name, String datasetDigest, String source, List<DailyIc> daily, IcSummary ic,
        IcSummary rankIc, QuantileReturns quantiles, double topTurnover,
        double bottomTurnover, double rankAutocorrelation, SortedMap<YearMonth, Double> monthlyIc,
        List<LocalDate> longShortDates, List<Double> longShortCumulative,
        double longShortSharpe) {

    public FactorEvaluation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datasetDigest, "datasetDigest");
        Objects.requireNonNull(source, "source");
        daily = List.copyOf(daily);
        Objects.requireNonNull(ic, "ic");
        Objects.requireNonNull(rankIc, "rankIc");
        Objects.requireNonNull(quantiles, "quantiles");
        monthlyIc = Collections.unmodifiableSortedMap(new TreeMap<>(monthlyIc));
        longShortDates = List.copyOf(longShortDates);
        longShortCumulative = List.copyOf(longShortCumulative);
        if (longShortDates.size() != longShortCumulative.size()) {
            throw new IllegalArgumentException(longShortDates.size() + " dates for " + longShortCumulative.size()
                    + " long-short values");
        }
    }

    /** The summary as name → value, in a stable order, for tables and run metrics. */
    public Map<String, Double> summary() {
        Map<String, Double> summary = new LinkedHashMap<>();
        summary.put("dates", (double) ic.dates());
        summary.put("ic.mean", ic.mean());
        summary.put("ic.std", ic.std());
        summary.put("icir", ic.ir());
        summary.put("ic.t", ic.tStat());
        summary.put("rank_ic.mean", rankIc.mean());
        summary.put("rank_ic.std", rankIc.std());
        summary.put("rank_icir", rankIc.ir());
        summary.put("rank_ic.t", rankIc.tStat());
        summary.put("quantile.spread", quantiles.spread());
        summary.put("quantile.spread.se", quantiles.spreadStdErr());
        summary.put("turnover.top", topTurnover);
        summary.put("turnover.bottom", bottomTurnover);
        summary.put("rank_autocorrelation", rankAutocorrelation);
        summary.put("long_short.sharpe", longShortSharpe);
        return summary;
    }
}
