package org.nautilus.api.domain;

import java.math.BigDecimal;

/**
 * A quantity of an instrument (shares, contracts, coins), fixed-point with {@value FixedPoint#SCALE}
 * decimals. Signed: a position's quantity is negative when short; an order's quantity is positive.
 *
 * @param raw the quantity in units of 10<sup>-8</sup>
 */
public record Quantity(long raw) implements Comparable<Quantity> {

    public static final Quantity ZERO = new Quantity(0);

    public static Quantity of(String text) {
        return new Quantity(FixedPoint.parse(text));
    }

    public static Quantity of(BigDecimal value) {
        return new Quantity(FixedPoint.fromBigDecimal(value));
    }

    public static Quantity ofWhole(long whole) {
        return new Quantity(FixedPoint.ofWhole(whole));
    }

    public boolean isZero() {
        return raw == 0;
    }

    public boolean isPositive() {
        return raw > 0;
    }

    public Quantity plus(Quantity other) {
        return new Quantity(Math.addExact(raw, other.raw));
    }

    public Quantity minus(Quantity other) {
        return new Quantity(Math.subtractExact(raw, other.raw));
    }

    public Quantity negate() {
        return new Quantity(Math.negateExact(raw));
    }

    public Quantity abs() {
        return raw < 0 ? negate() : this;
    }

    public Quantity min(Quantity other) {
        return raw <= other.raw ? this : other;
    }

    /** {@code true} if this quantity is a whole multiple of {@code lot}. */
    public boolean isMultipleOf(Quantity lot) {
        return lot.raw != 0 && raw % lot.raw == 0;
    }

    /** The notional value {@code |this| × price}, exact to {@value FixedPoint#SCALE} decimals. */
    public Money notional(Price price) {
        return new Money(FixedPoint.multiply(Math.abs(raw), price.raw()));
    }

    public BigDecimal toBigDecimal() {
        return FixedPoint.toBigDecimal(raw);
    }

    @Override
    public int compareTo(Quantity other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
