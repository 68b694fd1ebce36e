package org.nautilus.api.venue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Money;

/**
 * A venue's fees: basis points of the notional (makers add liquidity, a resting order that is hit; takers remove it;
 * a negative fee is a rebate), plus an amount per share (unit) either way, with a minimum per order: an order's
 * fills together pay at least {@code minimum} (the first fills pay up to it, the later ones only what they add above
 * it).
 *
 * @param makerBps fee of a maker execution, in basis points (1 bp = 0.01 %)
 * @param takerBps fee of a taker execution, in basis points
 * @param perShare fee per share (unit) executed, in the instrument's currency, not negative (since 1.3)
 * @param minimum  the least an order pays in all, not negative; 0: none (since 1.3)
 */
public record FeeSchedule(BigDecimal makerBps, BigDecimal takerBps, BigDecimal perShare, BigDecimal minimum) {

    public static final FeeSchedule ZERO = new FeeSchedule(BigDecimal.ZERO, BigDecimal.ZERO);

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    public FeeSchedule {
        Objects.requireNonNull(makerBps, "makerBps");
        Objects.requireNonNull(takerBps, "takerBps");
        Objects.requireNonNull(perShare, "perShare");
        Objects.requireNonNull(minimum, "minimum");
        if (perShare.signum() < 0 || minimum.signum() < 0) {
            throw new IllegalArgumentException("fee per share and minimum must not be negative, got "
                    + perShare.toPlainString() + " and " + minimum.toPlainString());
        }
    }

    /** Basis points only: nothing per share, no minimum. */
    public FeeSchedule(BigDecimal makerBps, BigDecimal takerBps) {
        this(makerBps, takerBps, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** The same basis points with a fee per share and a minimum per order. @since 1.3 */
    public FeeSchedule withPerShare(BigDecimal newPerShare, BigDecimal newMinimum) {
        return new FeeSchedule(makerBps, takerBps, newPerShare, newMinimum);
    }

    public static FeeSchedule ofBps(String makerBps, String takerBps) {
        return new FeeSchedule(new BigDecimal(makerBps), new BigDecimal(takerBps));
    }

    /**
     * The basis-point fee of one execution of {@code notional}, rounded half-even to {@value FixedPoint#SCALE}
     * decimals (without the per-share part and the minimum, which need the order's quantity and its other fills).
     */
    public Money fee(Money notional, boolean maker) {
        BigDecimal bps = maker ? makerBps : takerBps;
        return Money.of(notional.toBigDecimal().multiply(bps).divide(BPS, FixedPoint.SCALE, RoundingMode.HALF_EVEN));
    }
}
