package org.nautilus.api.research.expression;

import java.util.regex.Pattern;

/**
 * A figure of the instrument's statements as known at the end of the current bar (point in time: only rows
 * published at or before it, each fiscal period in its latest revision by then), e.g. {@code $eps}. The field is
 * whatever the fundamentals data calls it ({@code eps}, {@code sales}, {@code book}, {@code book_value},
 * {@code revenue}, ...); rows are fiscal quarters.
 *
 * <p>With {@code periods = 1} and {@code skip = 0} it is the value of the latest period known ({@code $eps}: what
 * the store's as-of join gives). Otherwise it sums {@code periods} known periods after leaving out the {@code skip}
 * latest ({@code PSum($eps,4)}: trailing twelve months; {@code PSum($sales,4,4)}: the twelve months before), adding
 * from the latest to the oldest. The value is NaN unless at least {@code skip + periods} periods are known and the
 * oldest one summed ends at most {@link #maxSpanDays()} days before the latest known period (so a missing quarter
 * beyond that leaves no value rather than a sum over another span).
 *
 * @param name    the field's name as the data has it (letters, digits and {@code _}), not a bar field nor
 *                {@code sentiment}
 * @param periods fiscal periods summed, at least 1
 * @param skip    latest periods left out, at least 0
 * @since 3.0
 */
public record FundamentalField(String name, int periods, int skip) implements Expression {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public FundamentalField {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a fundamental field name: letters, digits"
                    + " and _ as the fundamentals data names it, e.g. eps or book_value");
        }
        for (BarField field : BarField.values()) {
            if (field.key().equals(name)) {
                throw new IllegalArgumentException("$" + name + " is a bar field, not a fundamental one");
            }
        }
        if (name.equals(SentimentField.NAME)) {
            throw new IllegalArgumentException("$sentiment is the news sentiment, not a fundamental field");
        }
        if (periods < 1) {
            throw new IllegalArgumentException("a fundamental sum needs at least one period, got " + periods);
        }
        if (skip < 0) {
            throw new IllegalArgumentException("periods skipped must not be negative, got " + skip);
        }
    }

    /** The latest known period's value, {@code $name}. */
    public static FundamentalField of(String name) {
        return new FundamentalField(name, 1, 0);
    }

    /**
     * The longest distance in days allowed between the latest known period's end and the oldest summed one's: the
     * calendar span of {@code skip + periods} quarters, {@code ceil((skip + periods) × 365.25 / 4)} (366 for four,
     * 731 for eight).
     */
    public int maxSpanDays() {
        return (int) Math.ceil((skip + periods) * 365.25 / 4);
    }

    @Override
    public String text() {
        if (periods == 1 && skip == 0) {
            return "$" + name;
        }
        return "PSum($" + name + "," + periods + (skip == 0 ? "" : "," + skip) + ")";
    }
}
