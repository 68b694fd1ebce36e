package org.nautilus.strategy.internal.analytics;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;

/**
 * The portfolio marked to market at one time.
 *
 * @param time   when
 * @param equity initial cash + realized P&amp;L − commissions + unrealized P&amp;L at the marks
 * @param gross  Σ |position value|
 * @param net    Σ position value
 */
public record EquityPoint(Instant time, double equity, double gross, double net) {

    /** Largest raw value whose division by {@link FixedPoint#ONE} is exact input (below 2^52). */
    private static final long EXACT = 1L << 52;

    /**
     * The point of {@code positions} (a position keeper's) at {@code at}: cash + realized − commissions + unrealized
     * at the marks; a position without a mark counts its realized P&amp;L only. The one computation of a backtest's
     * and a live portfolio's curve.
     *
     * @param cash the initial cash, fixed point
     */
    public static EquityPoint of(Instant at, long cash, Iterable<Position> positions,
            Function<InstrumentId, Optional<Price>> marks) {
        long equity = cash;
        long gross = 0;
        long net = 0;
        for (Position position : positions) {
            equity += position.realizedPnl().raw() - position.commissions().raw();
            Optional<Price> mark = marks.apply(position.instrumentId());
            if (mark.isPresent() && !position.isFlat()) {
                equity += position.unrealizedPnl(mark.get()).raw();
                long value = FixedPoint.multiply(position.quantity().raw(), mark.get().raw());
                gross += Math.abs(value);
                net += value;
            }
        }
        return new EquityPoint(at, toDouble(equity), toDouble(gross), toDouble(net));
    }

    /**
     * A fixed-point raw value as a double, allocating nothing (every price of a backtest's data passes here): below
     * 2^52 the division of two exact doubles, correctly rounded, the same double {@code BigDecimal.doubleValue()}
     * gives (the JDK computes it so too); beyond, through BigDecimal.
     */
    public static double toDouble(long raw) {
        return Math.abs(raw) < EXACT ? raw / (double) FixedPoint.ONE : new Money(raw).toBigDecimal().doubleValue();
    }

    /** The period of {@code periodNanos} a time falls in (periods start at the epoch: daily ones at UTC midnight). */
    public static long period(Instant t, long periodNanos) {
        return Math.floorDiv(t.getEpochSecond() * 1_000_000_000L + t.getNano(), periodNanos);
    }
}
