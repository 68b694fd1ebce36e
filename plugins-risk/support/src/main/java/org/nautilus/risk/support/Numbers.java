package org.nautilus.risk.support;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.nautilus.api.domain.FixedPoint;

/** Number formatting and parsing for rule messages and configuration. */
public final class Numbers {

    private static final BigDecimal GROUPING_FROM = BigDecimal.valueOf(10_000);

    private Numbers() {
    }

    /**
     * A fixed-point value for a message: exact, trailing zeros dropped, thousands grouped from 10,000 on
     * (the usual style: {@code 1500}, {@code 1,250,000}, {@code -62,000.5}).
     */
    public static String format(long raw) {
        return format(FixedPoint.toBigDecimal(raw));
    }

    public static String format(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        if (v.abs().compareTo(GROUPING_FROM) < 0) {
            return v.toPlainString();
        }
        // DecimalFormat is not thread-safe: a new one per call, only on the rejection path.
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(v.scale());
        f.setMaximumFractionDigits(v.scale());
        return f.format(v);
    }

    /**
     * Compares {@code a × b} with {@code c × d} exactly: the products are taken in 128 bits, so limits such as
     * "exposure &gt; leverage × equity" need no {@code BigDecimal} on the hot path.
     *
     * @return negative, zero or positive as {@code a × b} is less than, equal to or greater than {@code c × d}
     */
    public static int compareProducts(long a, long b, long c, long d) {
        int high = Long.compare(Math.multiplyHigh(a, b), Math.multiplyHigh(c, d));
        return high != 0 ? high : Long.compareUnsigned(a * b, c * d);
    }

    /** Parses a positive fixed-point limit such as {@code 1000}, {@code 1_000_000} or {@code 0.5}. */
    public static long parsePositive(String text) {
        long raw = FixedPoint.parse(text.replace(",", ""));
        if (raw <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return raw;
    }

    /** Parses a fixed-point limit that may be zero, such as {@code 0} or {@code 250000}. */
    public static long parseNonNegative(String text) {
        long raw = FixedPoint.parse(text.replace(",", ""));
        if (raw < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return raw;
    }
}
