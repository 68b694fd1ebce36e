package org.nautilus.portfolio.internal.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;

/**
 * Netting (average-cost) position arithmetic: one signed quantity per portfolio and instrument.
 *
 * <ul>
 *   <li>A fill on the side of the position (or from flat) adds to it; the average price becomes the
 *       quantity-weighted average of the old average and the fill price, rounded half-even to 8 decimals.</li>
 *   <li>A fill against the position closes up to its size: realized P&amp;L grows by
 *       closed quantity × (fill price − average) × direction; the average of what stays open is unchanged.</li>
 *   <li>A fill larger than the position closes it and opens the rest the other way at the fill price (a flip);
 *       a position that ends flat has an average of zero.</li>
 * </ul>
 * Quantities and commissions are exact sums of the fills; realized P&amp;L is exact given the averages.
 */
public final class NettingPosition {

    private NettingPosition() {
    }

    /** The position after {@code fill}; the fill must be for the position's portfolio and instrument. */
    public static Position apply(Position position, Fill fill) {
        Objects.requireNonNull(position, "position");
        if (!position.portfolioId().equals(fill.portfolioId())
                || !position.instrumentId().equals(fill.instrumentId())) {
            throw new IllegalArgumentException("fill " + fill.executionId() + " of " + fill.portfolioId() + "/"
                    + fill.instrumentId() + " applied to the position " + position.portfolioId() + "/"
                    + position.instrumentId());
        }
        long quantity = position.quantity().raw();
        long delta = fill.signedQuantity().raw();
        long price = fill.price().raw();
        long average = position.averagePrice().raw();
        long realized = position.realizedPnl().raw();
        long next = Math.addExact(quantity, delta);
        long nextAverage;
        if (quantity == 0 || Long.signum(quantity) == Long.signum(delta)) {
            nextAverage = quantity == 0 ? price : weightedAverage(Math.abs(quantity), average, Math.abs(delta), price);
        } else {
            long closed = Math.min(Math.abs(quantity), Math.abs(delta));
            long perUnit = Math.subtractExact(price, average) * Long.signum(quantity);
            realized = Math.addExact(realized, FixedPoint.multiply(closed, perUnit));
            if (next == 0) {
                nextAverage = 0;
            } else if (Long.signum(next) == Long.signum(quantity)) {
                nextAverage = average;
            } else {
                nextAverage = price;
            }
        }
        return new Position(position.portfolioId(), position.instrumentId(), new Quantity(next),
                new Price(nextAverage), new Money(realized), position.commissions().plus(fill.commission()),
                position.fillCount() + 1, fill.timestamp());
    }

    /** (q1 × p1 + q2 × p2) / (q1 + q2) in raw units, exact then rounded half-even. */
    static long weightedAverage(long q1, long p1, long q2, long p2) {
        long total = Math.addExact(q1, q2);
        // Hot path (every fill that adds to a position): the same value as p1 + q2 × (p2 − p1) / total, whose
        // numerator fits in a long for any realistic price move (q1 × p1 does not: 100 shares at 150 in raw units
        // is 1.5e20); BigDecimal (two BigIntegers and their arrays per fill) only beyond.
        long move = p2 - p1;
        long x = q2 * move;
        if (total > 0 && ((p2 ^ p1) & (p2 ^ move)) >= 0 && Math.multiplyHigh(q2, move) == x >> 63) {
            long quotient = p1 + x / total;
            long remainder = Math.abs(x % total);
            long rest = total - remainder;
            if (remainder > rest || (remainder == rest && (quotient & 1) != 0)) {
                quotient += Long.signum(x);
            }
            return quotient;
        }
        BigInteger numerator = BigInteger.valueOf(q1).multiply(BigInteger.valueOf(p1))
                .add(BigInteger.valueOf(q2).multiply(BigInteger.valueOf(p2)));
        BigInteger denominator = BigInteger.valueOf(total);
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }
}
