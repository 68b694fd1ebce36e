package org.nautilus.api.domain;

import java.math.BigDecimal;

/**
 * An amount of cash, notional or P&amp;L in the currency of the instrument it belongs to, fixed-point with
 * {@value FixedPoint#SCALE} decimals.
 *
 * @param raw the amount in units of 10<sup>-8</sup>
 */
public record Money(long raw) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public static Money of(String text) {
        return new Money(FixedPoint.parse(text));
    }

    public static Money of(BigDecimal value) {
        return new Money(FixedPoint.fromBigDecimal(value));
    }

    public static Money ofWhole(long whole) {
        return new Money(FixedPoint.ofWhole(whole));
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(raw, other.raw));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(raw, other.raw));
    }

    public Money negate() {
        return new Money(Math.negateExact(raw));
    }

    public boolean isNegative() {
        return raw < 0;
    }

    public BigDecimal toBigDecimal() {
        return FixedPoint.toBigDecimal(raw);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(raw, other.raw);
    }

    @Override
    public String toString() {
        return FixedPoint.format(raw);
    }
}
