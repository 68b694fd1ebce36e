package org.nautilus.api.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point arithmetic shared by {@link Price}, {@link Quantity} and {@link Money}: a value is a
 * {@code long} count of units of 10<sup>-{@value #SCALE}</sup>. Every operation is exact or fails with an
 * {@link ArithmeticException}; none goes through {@code double}.
 */
public final class FixedPoint {

    /** Number of decimal places every fixed-point value carries. */
    public static final int SCALE = 8;

    /** The raw value of 1. */
    public static final long ONE = 100_000_000L;

    private FixedPoint() {
    }

    /**
     * Parses a decimal string such as {@code "101.25"}.
     *
     * @throws IllegalArgumentException if the text is not a number, has more than {@value #SCALE} decimals or is out
     *                                  of range
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a number is required, got an empty value");
        }
        try {
            return fromBigDecimal(new BigDecimal(text.strip().replace("_", "")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: '" + text + "'", e);
        }
    }

    /** The smallest value a fixed-point long holds, -92233720368.54775808. */
    private static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE, SCALE);

    /** The largest value a fixed-point long holds, 92233720368.54775807. */
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE, SCALE);

    /**
     * Converts a decimal exactly.
     *
     * @throws IllegalArgumentException if it has more than {@value #SCALE} decimals, or lies outside
     *                                  -92233720368.54775808..92233720368.54775807; the message says which
     */
    public static long fromBigDecimal(BigDecimal value) {
        // Two distinct mistakes, two messages: a too-precise value and a too-large one need different fixes.
        if (value.stripTrailingZeros().scale() > SCALE) {
            throw new IllegalArgumentException(value.toPlainString() + " has more than " + SCALE + " decimals");
        }
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(value.toPlainString() + " is out of range: the allowed range is "
                    + MIN.toPlainString() + " to " + MAX.toPlainString());
        }
        return value.setScale(SCALE, RoundingMode.UNNECESSARY).unscaledValue().longValueExact();
    }

    /** The raw value of a whole number. */
    public static long ofWhole(long whole) {
        return Math.multiplyExact(whole, ONE);
    }

    public static BigDecimal toBigDecimal(long raw) {
        return BigDecimal.valueOf(raw, SCALE);
    }

    /** Plain decimal text without trailing zeros, e.g. {@code 101.25}, {@code 7}. */
    public static String format(long raw) {
        BigDecimal value = toBigDecimal(raw).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
    }

    /**
     * The product of two fixed-point values, rounded half away from zero to {@value #SCALE} decimals, computed in
     * {@code long} without overflow of the intermediate product (a price of 10<sup>7</sup> times a
     * quantity of 10<sup>7</sup> is fine).
     *
     * @throws ArithmeticException if the result does not fit in a long
     */
    public static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return divideRounded(low, ONE);
        }
        // Split b = bw * ONE + bf so that every partial product fits in a long.
        long bw = b / ONE;
        long bf = b % ONE;
        long aw = a / ONE;
        long af = a % ONE;
        long whole = Math.multiplyExact(a, bw);
        long mixed = Math.multiplyExact(aw, bf);
        long fraction = divideRounded(af * bf, ONE);
        return Math.addExact(Math.addExact(whole, mixed), fraction);
    }

    /**
     * {@code a / b} of two fixed-point values, rounded half-even to {@value #SCALE} decimals.
     *
     * @throws ArithmeticException if {@code b} is zero or the result does not fit in a long
     */
    public static long divide(long a, long b) {
        if (b == 0) {
            throw new ArithmeticException("division by zero");
        }
        if (a != Long.MIN_VALUE && b != Long.MIN_VALUE) {
            long ua = Math.abs(a);
            long ub = Math.abs(b);
            long whole = ua / ub;
            if (ub <= MAX_FAST_DIVISOR && whole <= MAX_FAST_WHOLE) {
                // Hot path (average prices): long division, four decimals at a time, no BigDecimal. The remainder
                // stays below ub, so remainder × 10^4 fits; the same half-even rounding as the BigDecimal path.
                long r = ua % ub * 10_000L;
                long d1 = r / ub;
                r = r % ub * 10_000L;
                long d2 = r / ub;
                r = r % ub;
                long q = whole * ONE + d1 * 10_000L + d2;
                long rest = ub - r;
                if (r > rest || (r == rest && (q & 1) == 1)) {
                    q++;
                }
                return (a < 0) != (b < 0) ? -q : q;
            }
        }
        return toBigDecimal(a).divide(toBigDecimal(b), SCALE, RoundingMode.HALF_EVEN)
                .unscaledValue().longValueExact();
    }

    /** Divisors up to this keep remainder × 10^4 within a long. */
    private static final long MAX_FAST_DIVISOR = Long.MAX_VALUE / 10_000L;
    /** Whole parts up to this keep the scaled quotient (plus rounding) within a long. */
    private static final long MAX_FAST_WHOLE = Long.MAX_VALUE / ONE - 1;

    private static long divideRounded(long value, long divisor) {
        long quotient = value / divisor;
        long remainder = value % divisor;
        // Every partial product has the sign of the whole, so rounding each half away from zero is exact.
        if (Math.abs(remainder) * 2 >= divisor) {
            quotient += Long.signum(value);
        }
        return quotient;
    }
}
