package org.nautilus.risk.rule.pricecollar.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;

/**
 * Price collar: a LIMIT order's price must lie within a percentage of the current mark (last trade, else
 * mid), either side, catching a mistyped price before it sweeps the book or rests absurdly far away. With no
 * mark there is nothing to compare to and the order is denied ({@code NO_PRICE}). MARKET and stop orders are
 * not collared: they carry no price that trades now.
 * Configuration: {@code max.deviation.percent} (e.g. {@code 5}).
 */
public final class PriceCollarRule extends ConfiguredRule<PriceCollarRule.Limits> {

    public static final String NAME = "price-collar";
    public static final String CODE = "PRICE_COLLAR";
    public static final String NO_PRICE = "NO_PRICE";
    public static final String KEY = "max.deviation.percent";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /**
     * @param maxDeviationPercent the widest distance from the mark, in percent of the mark
     * @param maxDeviationRaw     the same as a raw fixed-point value, or {@link #NOT_FIXED_POINT} if it has more
     *                            than {@value FixedPoint#SCALE} decimals (then the check computes in
     *                            {@code BigDecimal})
     */
    public record Limits(BigDecimal maxDeviationPercent, long maxDeviationRaw) {

        /** {@link #maxDeviationRaw} of a percentage that is no fixed-point value. */
        public static final long NOT_FIXED_POINT = -1;

        public Limits {
            if (maxDeviationPercent.signum() <= 0) {
                throw new IllegalArgumentException(KEY + " must be positive, got " + maxDeviationPercent);
            }
            if (maxDeviationRaw != raw(maxDeviationPercent)) {
                throw new IllegalArgumentException("maxDeviationRaw " + maxDeviationRaw + " is not the raw value of "
                        + maxDeviationPercent);
            }
        }

        public Limits(BigDecimal maxDeviationPercent) {
            this(maxDeviationPercent, raw(maxDeviationPercent));
        }

        private static long raw(BigDecimal percent) {
            try {
                return FixedPoint.fromBigDecimal(percent);
            } catch (IllegalArgumentException e) {
                return NOT_FIXED_POINT;
            }
        }

        public static Limits of(String percent) {
            return new Limits(PerPortfolio.parse(KEY, percent, BigDecimal::new).stripTrailingZeros());
        }
    }

    public PriceCollarRule() {
        super(NAME);
    }

    public PriceCollarRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        if (request.type() != OrderType.LIMIT) {
            return RiskDecision.approve();
        }
        Optional<Price> mark = context.mark(request.instrumentId());
        BigDecimal pct = limits.maxDeviationPercent();
        if (mark.isEmpty() || !mark.get().isPositive()) {
            return reject(NO_PRICE, "no last or mid price for " + request.instrumentId()
                    + " to check the limit price " + request.limitPrice() + " against (price collar "
                    + pct.toPlainString() + "%)");
        }
        if (withinCollar(request.limitPrice().raw(), mark.get().raw(), limits)) {
            return RiskDecision.approve();
        }
        BigDecimal reference = mark.get().toBigDecimal();
        BigDecimal distance = request.limitPrice().toBigDecimal().subtract(reference).abs();
        BigDecimal band = reference.multiply(pct).divide(HUNDRED);
        BigDecimal away = distance.multiply(HUNDRED).divide(reference, 2, RoundingMode.HALF_UP);
        return reject(CODE, "price collar " + pct.toPlainString() + "% around " + mark.get() + " ("
                + Numbers.format(reference.subtract(band)) + " to " + Numbers.format(reference.add(band))
                + ") exceeded: " + request.side() + " limit " + request.limitPrice() + " is "
                + Numbers.format(away) + "% away");
    }

    /** |limit - mark| × 100 &le; pct × mark, exactly: in raw longs and 128-bit products when they fit. */
    private static boolean withinCollar(long limitRaw, long markRaw, Limits limits) {
        long pctRaw = limits.maxDeviationRaw();
        long diff = limitRaw - markRaw;
        // Overflow of the difference (opposite signs at the extremes) or a percentage that is no fixed-point value.
        if (pctRaw == Limits.NOT_FIXED_POINT || ((limitRaw ^ markRaw) & (limitRaw ^ diff)) < 0
                || diff == Long.MIN_VALUE) {
            BigDecimal reference = FixedPoint.toBigDecimal(markRaw);
            BigDecimal distance = FixedPoint.toBigDecimal(limitRaw).subtract(reference).abs();
            return distance.multiply(HUNDRED).compareTo(limits.maxDeviationPercent().multiply(reference)) <= 0;
        }
        // In raw units: |diff| / ONE × 100 ≤ pctRaw / ONE × markRaw / ONE  ⇔  |diff| × 100·ONE ≤ pctRaw × markRaw
        return Numbers.compareProducts(Math.abs(diff), 100 * FixedPoint.ONE, pctRaw, markRaw) <= 0;
    }

    @Override
    protected String describe(Limits limits) {
        return "price collar " + limits.maxDeviationPercent().toPlainString() + "% around the last/mid price";
    }
}
