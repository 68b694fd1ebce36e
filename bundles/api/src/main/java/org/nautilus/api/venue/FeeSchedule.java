package org.nautilus.api.venue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Money;

/**
 * A venue's fees in basis points of the notional: makers add liquidity (a resting order that is hit),
 * takers remove it. A negative fee is a rebate.
 *
 * @param makerBps fee of a maker execution, in basis points (1 bp = 0.01 %)
 * @param takerBps fee of a taker execution, in basis points
 */
public record FeeSchedule(BigDecimal makerBps, BigDecimal takerBps) {

    public static final FeeSchedule ZERO = new FeeSchedule(BigDecimal.ZERO, BigDecimal.ZERO);

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    public FeeSchedule {
        Objects.requireNonNull(makerBps, "makerBps");
        Objects.requireNonNull(takerBps, "takerBps");
    }

    public static FeeSchedule ofBps(String makerBps, String takerBps) {
        return new FeeSchedule(new BigDecimal(makerBps), new BigDecimal(takerBps));
    }

    /** The fee of one execution of {@code notional}, rounded half-even to {@value FixedPoint#SCALE} decimals. */
    public Money fee(Money notional, boolean maker) {
        BigDecimal bps = maker ? makerBps : takerBps;
        return Money.of(notional.toBigDecimal().multiply(bps).divide(BPS, FixedPoint.SCALE, RoundingMode.HALF_EVEN));
    }
}
