package org.nautilus.factor.fundamental.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.nautilus.api.research.store.Fundamental;

/**
 * The plugin's earlier Java implementation of its five factors, kept as the oracle its expressions must equal bit for
 * bit. The fundamental factors of one instrument, bar by bar: before each bar it takes in the rows published by the
 * bar's end (in publication order, so a restatement replaces its period's figure from its publication on), then
 * computes from what it knows and the bar's close.
 *
 * <p>Definitions (all per share, quarterly rows):
 * <ul>
 *   <li>TTM x: the sum of x over the four latest known quarters, if their period ends span at most 366 days;</li>
 *   <li>{@code PE} = close / TTM eps (none when TTM eps ≤ 0, as P/E is not read for losses);</li>
 *   <li>{@code EARNINGS_YIELD} = TTM eps / close (defined for losses too);</li>
 *   <li>{@code PB} = close / book of the latest known quarter (none when book ≤ 0);</li>
 *   <li>{@code ROE} = TTM eps / book of the latest known quarter (none when book ≤ 0);</li>
 *   <li>{@code SALES_GROWTH} = TTM sales / TTM sales of the four quarters before − 1, if the eight period ends
 *   span at most 731 days and the earlier TTM is positive.</li>
 * </ul>
 */
final class FundamentalStreamOracle {

    static final List<String> FACTORS = List.of("PE", "PB", "EARNINGS_YIELD", "ROE", "SALES_GROWTH");

    private final List<Fundamental> rows;
    private final Map<String, NavigableMap<LocalDate, Double>> known = new HashMap<>();
    private int next;

    /** @param rows the instrument's whole history (any order; every revision) */
    FundamentalStreamOracle(List<Fundamental> rows) {
        List<Fundamental> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Fundamental::published));
        this.rows = sorted;
    }

    /**
     * The factors ({@link #FACTORS} order, NaN where none) on a bar ending at {@code end} with this close.
     *
     * @param end not before the previous bar's end
     */
    double[] next(Instant end, double close) {
        while (next < rows.size() && !rows.get(next).published().isAfter(end)) {
            Fundamental row = rows.get(next++);
            known.computeIfAbsent(row.field(), f -> new TreeMap<>()).put(row.periodEnd(), row.value());
        }
        double eps = trailing("eps", 0, 366);
        double book = latest("book");
        double sales = trailing("sales", 0, 731 - 365);
        double previousSales = trailing("sales", 4, 731);
        return new double[] {
                eps > 0 ? close / eps : Double.NaN,
                book > 0 ? close / book : Double.NaN,
                eps / close,
                book > 0 ? eps / book : Double.NaN,
                previousSales > 0 && !Double.isNaN(sales) ? sales / previousSales - 1 : Double.NaN};
    }

    /**
     * The sum over four quarters, skipping the {@code skip} latest, if the latest known period and the last one
     * summed end at most {@code span} days apart; NaN otherwise.
     */
    private double trailing(String field, int skip, int span) {
        NavigableMap<LocalDate, Double> periods = known.get(field);
        if (periods == null || periods.size() < skip + 4) {
            return Double.NaN;
        }
        LocalDate latest = periods.lastKey();
        double sum = 0;
        int index = 0;
        LocalDate oldest = null;
        for (Map.Entry<LocalDate, Double> period : periods.descendingMap().entrySet()) {
            if (index >= skip && index < skip + 4) {
                sum += period.getValue();
                oldest = period.getKey();
            }
            if (++index == skip + 4) {
                break;
            }
        }
        return ChronoUnit.DAYS.between(oldest, latest) <= span ? sum : Double.NaN;
    }

    private double latest(String field) {
        NavigableMap<LocalDate, Double> periods = known.get(field);
        return periods == null || periods.isEmpty() ? Double.NaN : periods.lastEntry().getValue();
    }
}
