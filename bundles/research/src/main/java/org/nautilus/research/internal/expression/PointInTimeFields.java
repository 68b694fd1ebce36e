package org.nautilus.research.internal.expression;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.expression.FundamentalField;
import org.nautilus.api.research.expression.SentimentField;
import org.nautilus.api.research.store.Fundamental;

/**
 * The values of a program's point-in-time data fields ({@link FactorProgram#dataFields()}) for one instrument, bar
 * by bar: before each bar it takes in the fundamentals rows published by the bar's end, in publication order (so a
 * restatement replaces its period's figure from its publication on, never before), and asks the sentiment for the
 * bar's end. A batch runs this same sequence over the bars ({@link #columns}), so batch and streaming read the
 * same doubles and the kernels above them stay bit-identical. One writer thread.
 */
public final class PointInTimeFields {

    /** The news sentiment known at a moment, NaN for none. */
    @FunctionalInterface
    public interface Sentiment {
        double at(Instant asOf);
    }

    private static final Sentiment NONE = t -> Double.NaN;

    private final Expression[] fields;
    private List<Fundamental> rows;
    private final Sentiment sentiment;
    private final Map<String, NavigableMap<LocalDate, Double>> known = new HashMap<>();
    private final double[] values;
    private int next;
    private boolean changed = true;
    private Instant last;

    /**
     * @param fields    the program's data fields
     * @param history   the instrument's fundamentals, every revision, any order (empty for none)
     * @param sentiment the instrument's sentiment, or {@code null} where there is none (reads NaN)
     */
    public PointInTimeFields(List<Expression> fields, List<Fundamental> history, Sentiment sentiment) {
        this.fields = fields.toArray(Expression[]::new);
        for (Expression field : this.fields) {
            if (!(field instanceof FundamentalField) && !(field instanceof SentimentField)) {
                throw new IllegalArgumentException(field.text() + " is not a point-in-time data field");
            }
        }
        List<Fundamental> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparing(Fundamental::published)); // stable: the store's order within a moment
        this.rows = sorted;
        this.sentiment = sentiment == null ? NONE : sentiment;
        this.values = new double[this.fields.length];
    }

    /**
     * Takes a newer copy of the instrument's fundamentals (the store took more rows while this ran live): rows it
     * did not have are taken in from the next bar on, those published since the last bar at their publication, a
     * late row (published before the last bar, arrived after it) at the next bar, since the bars before it have
     * been computed without it. Rows it already had stay as they were taken.
     */
    public void refresh(List<Fundamental> history) {
        Set<Fundamental> had = new HashSet<>(rows);
        List<Fundamental> pending = new ArrayList<>(rows.subList(next, rows.size()));
        for (Fundamental row : history) {
            if (!had.contains(row)) {
                pending.add(row);
            }
        }
        pending.sort(Comparator.comparing(Fundamental::published));
        List<Fundamental> applied = new ArrayList<>(rows.subList(0, next));
        applied.addAll(pending);
        rows = applied;
    }

    /** Whether any field reads fundamentals; whether any reads the sentiment. */
    public static boolean readsFundamentals(List<Expression> fields) {
        return fields.stream().anyMatch(FundamentalField.class::isInstance);
    }

    public static boolean readsSentiment(List<Expression> fields) {
        return fields.stream().anyMatch(SentimentField.class::isInstance);
    }

    /**
     * The fields' values on a bar ending at {@code end}, in the program's order (an array this object reuses).
     *
     * @throws IllegalArgumentException if {@code end} is before the previous bar's end
     */
    public double[] next(Instant end) {
        if (last != null && end.isBefore(last)) {
            throw new IllegalArgumentException("bar ending " + end + " after one ending " + last
                    + ": point-in-time fields move forward only");
        }
        last = end;
        while (next < rows.size() && !rows.get(next).published().isAfter(end)) {
            Fundamental row = rows.get(next++);
            known.computeIfAbsent(row.field(), f -> new TreeMap<>()).put(row.periodEnd(), row.value());
            changed = true;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] instanceof FundamentalField f) {
                if (changed) { // the statements known only change with a publication
                    values[i] = sum(f);
                }
            } else {
                values[i] = sentiment.at(end);
            }
        }
        changed = false;
        return values;
    }

    /**
     * The fields' columns over bars ending at {@code ends} (oldest first): {@link #next} bar after bar, as a stream
     * computes them.
     *
     * @return {@code columns[slot][row]}
     */
    public static double[][] columns(List<Expression> fields, List<Fundamental> history, Sentiment sentiment,
            List<Instant> ends) {
        PointInTimeFields feed = new PointInTimeFields(fields, history, sentiment);
        double[][] columns = new double[fields.size()][ends.size()];
        for (int row = 0; row < ends.size(); row++) {
            double[] values = feed.next(ends.get(row));
            for (int slot = 0; slot < values.length; slot++) {
                columns[slot][row] = values[slot];
            }
        }
        return columns;
    }

    /**
     * The sum over {@code periods} known periods after the {@code skip} latest, from the latest down, if the oldest
     * summed ends at most {@link FundamentalField#maxSpanDays()} days before the latest known period; NaN otherwise.
     */
    private double sum(FundamentalField field) {
        NavigableMap<LocalDate, Double> periods = known.get(field.name());
        int needed = field.skip() + field.periods();
        if (periods == null || periods.size() < needed) {
            return Double.NaN;
        }
        LocalDate latest = periods.lastKey();
        double sum = 0;
        int index = 0;
        LocalDate oldest = latest;
        for (Map.Entry<LocalDate, Double> period : periods.descendingMap().entrySet()) {
            if (index >= field.skip()) {
                sum += period.getValue();
                oldest = period.getKey();
            }
            if (++index == needed) {
                break;
            }
        }
        return ChronoUnit.DAYS.between(oldest, latest) <= field.maxSpanDays() ? sum : Double.NaN;
    }
}
