package org.nautilus.research.internal.data;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nautilus.api.research.data.BarRow;
import org.nautilus.api.research.data.CheckRules;
import org.nautilus.api.research.data.DataCheckReport;
import org.nautilus.api.research.data.DataIssue;
import org.nautilus.api.research.data.DataIssue.Kind;

/**
 * The data checks over one instrument's bar rows, in their order. Every finding is reported with its row; no row
 * is dropped or changed.
 *
 * <ul>
 *   <li>per row: a zero or negative price; high below low or open/close outside [low, high]; a negative volume;</li>
 *   <li>against the rows above: a start seen before (duplicate: the later row is reported, and whether its values
 *   differ), a start before the latest so far (out of order), expected starts missing since the latest (gap, by
 *   the interval and calendar);</li>
 *   <li>over the series: outliers, log close-to-close returns whose robust z-score
 *   {@code |r - median(r)| / (1.4826 * MAD(r))} exceeds the threshold, over the rows that are in order, not
 *   duplicated and have a positive close (each return against the previous such row).</li>
 * </ul>
 */
public final class BarChecker {

    /** Scales the median absolute deviation to a standard deviation for normally distributed returns. */
    private static final double MAD_TO_SIGMA = 1.4826;
    /** A calendar gap longer than this many expected bars is counted by arithmetic, not walked bar by bar. */
    private static final long WALK_LIMIT = 100_000;

    private BarChecker() {
    }

    public static DataCheckReport check(String source, List<BarRow> rows, CheckRules rules) {
        List<Found> found = new ArrayList<>();
        Map<Instant, BarRow> seen = new HashMap<>();
        List<Integer> sequence = new ArrayList<>(); // rows in order, not duplicated, with a positive close
        BarRow latest = null;
        for (int i = 0; i < rows.size(); i++) {
            BarRow row = rows.get(i);
            rowChecks(row, i, found);
            BarRow first = seen.putIfAbsent(row.start(), row);
            if (first != null) {
                found.add(new Found(i,
                        issue(Kind.DUPLICATE, row, "start " + row.start() + " also at " + first.location()
                                + (sameValues(first, row) ? " (same values)"
                                        : " (different values: close " + first.close().toPlainString()
                                                + " there, " + row.close().toPlainString() + " here)"))));
                continue;
            }
            if (latest != null && row.start().isBefore(latest.start())) {
                found.add(new Found(i, issue(Kind.OUT_OF_ORDER, row, "start " + row.start() + " is before "
                        + latest.start() + " at " + latest.location())));
                continue;
            }
            if (latest != null) {
                gap(latest, row, rules, i, found);
            }
            latest = row;
            if (row.close().signum() > 0) {
                sequence.add(i);
            }
        }
        outliers(rows, sequence, rules.outlierZ(), found);
        found.sort(Comparator.comparingInt(Found::row)); // stable: a row's own issues keep their order
        return new DataCheckReport(source, rows.size(), found.stream().map(Found::issue).toList());
    }

    private static void rowChecks(BarRow row, int i, List<Found> found) {
        List<String> nonPositive = new ArrayList<>();
        BigDecimal[] prices = {row.open(), row.high(), row.low(), row.close()};
        String[] names = {"open", "high", "low", "close"};
        for (int p = 0; p < prices.length; p++) {
            if (prices[p].signum() <= 0) {
                nonPositive.add(names[p] + " " + prices[p].toPlainString());
            }
        }
        if (!nonPositive.isEmpty()) {
            found.add(new Found(i, issue(Kind.NON_POSITIVE_PRICE, row, String.join(", ", nonPositive))));
        }
        if (row.high().compareTo(row.low()) < 0) {
            found.add(new Found(i, issue(Kind.INCONSISTENT_OHLC, row, "high " + row.high().toPlainString() + " < low "
                    + row.low().toPlainString())));
        } else if (outside(row.open(), row) || outside(row.close(), row)) {
            found.add(new Found(i,
                    issue(Kind.INCONSISTENT_OHLC, row, "open " + row.open().toPlainString() + " or close "
                            + row.close().toPlainString() + " outside [low " + row.low().toPlainString() + ", high "
                            + row.high().toPlainString() + "]")));
        }
        if (row.volume().signum() < 0) {
            found.add(new Found(i, issue(Kind.NEGATIVE_VOLUME, row, "volume " + row.volume().toPlainString())));
        }
    }

    private static boolean outside(BigDecimal price, BarRow row) {
        return price.compareTo(row.low()) < 0 || price.compareTo(row.high()) > 0;
    }

    private static boolean sameValues(BarRow a, BarRow b) {
        return a.open().compareTo(b.open()) == 0 && a.high().compareTo(b.high()) == 0 && a.low().compareTo(b.low()) == 0
                && a.close().compareTo(b.close()) == 0 && a.volume().compareTo(b.volume()) == 0;
    }

    private static void gap(BarRow previous, BarRow row, CheckRules rules, int i, List<Found> found) {
        if (rules.calendar() == CheckRules.Calendar.NONE) {
            return;
        }
        Duration interval = rules.interval();
        Instant expected = previous.start().plus(interval);
        long missing = 0;
        Instant firstMissing = null;
        long slots = Duration.between(previous.start(), row.start()).dividedBy(interval);
        if (slots > WALK_LIMIT || rules.calendar() == CheckRules.Calendar.CONTINUOUS) {
            // rows between starts that are not on the interval's grid count the whole slots between them
            missing = Math.max(0,
                    slots - (previous.start().plus(interval.multipliedBy(slots)).equals(row.start()) ? 1 : 0));
            firstMissing = missing > 0 ? expected : null;
        } else {
            for (Instant t = expected; t.isBefore(row.start()); t = t.plus(interval)) {
                DayOfWeek day = t.atZone(ZoneOffset.UTC).getDayOfWeek();
                if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                    missing++;
                    if (firstMissing == null) {
                        firstMissing = t;
                    }
                }
            }
        }
        if (missing > 0) {
            found.add(new Found(i, new DataIssue(Kind.GAP, row.instrument(), firstMissing, row.location(), missing
                    + " missing " + interval + " bar" + (missing == 1 ? "" : "s") + " between " + previous.start()
                    + " (" + previous.location() + ") and " + row.start()
                    + (rules.calendar() == CheckRules.Calendar.WEEKDAYS ? " (weekday calendar)" : ""))));
        }
    }

    private static void outliers(List<BarRow> rows, List<Integer> sequence, double threshold, List<Found> found) {
        if (sequence.size() < 3) {
            return;
        }
        double[] returns = new double[sequence.size() - 1];
        for (int k = 1; k < sequence.size(); k++) {
            returns[k - 1] = Math.log(rows.get(sequence.get(k)).close().doubleValue()
                    / rows.get(sequence.get(k - 1)).close().doubleValue());
        }
        double median = median(returns.clone());
        double[] deviations = new double[returns.length];
        for (int k = 0; k < returns.length; k++) {
            deviations[k] = Math.abs(returns[k] - median);
        }
        double sigma = MAD_TO_SIGMA * median(deviations);
        if (!(sigma > 0)) {
            return; // over half the returns equal: no spread to measure against
        }
        for (int k = 0; k < returns.length; k++) {
            double z = (returns[k] - median) / sigma;
            if (Math.abs(z) > threshold) {
                BarRow previous = rows.get(sequence.get(k));
                BarRow row = rows.get(sequence.get(k + 1));
                found.add(new Found(sequence.get(k + 1), issue(Kind.OUTLIER, row, String.format(Locale.ROOT,
                        "log return %.4f (close %s -> %s), robust z %.1f beyond %s", returns[k],
                        previous.close().toPlainString(), row.close().toPlainString(), z,
                        BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString()))));
            }
        }
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static DataIssue issue(Kind kind, BarRow row, String detail) {
        return new DataIssue(kind, row.instrument(), row.start(), row.location(), detail);
    }

    private record Found(int row, DataIssue issue) {
    }
}
