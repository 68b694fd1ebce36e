package org.nautilus.api.domain;

import java.math.BigDecimal;

/**
 * A price in the instrument's quote currency, fixed-point with {@value FixedPoint#SCALE} decimals. May be
 * negative (spreads, some futures) but is usually positive; order validation decides what is allowed.
 *
 * @param raw the price in units of 10<sup>-8</sup>
 */
public record Price(long raw) implements Comparable<Price> {

    public static final Price ZERO = new Price(0);

    public static Price of(String text) {
        return new Price(FixedPoint.parse(text));
    }

    public static Price of(BigDecimal value) {
        return new Price(FixedPoint.fromBigDecimal(value));
    }

    public static Price ofWhole(long whole) {
        return new Price(FixedPoint.ofWhole(whole));
    }

    public boolean isPositive() {
        return raw > 0;
    }

    public Price plus(Price other) {
        return new Price(Math.addExact(raw, other.raw));
    }

    public Price minus(Price other) {
        return new Price(Math.subtractExact(raw, other.raw));
    }

    /** {@code true} if this price is a whole multiple of {@code tick}. */
    public boolean isMultipleOf(Price tick) {
        return tick.raw != 0 && raw % tick.raw == 0;
    }

    public BigDecimal toBigDecimal() {
        return FixedPoint.toBigDecimal(raw);
    }

    @Override
    public int compareTo(Price other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
