package org.nautilus.venue.simulated.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.venue.simulated.internal.matching.SelfMatchPolicy;

/**
 * The validated configuration of one simulated exchange instance.
 *
 * @param id               the venue id
 * @param fees             maker/taker fees in basis points
 * @param latency          delay before a new order reaches the book (0: synchronous)
 * @param liquidityFactor  the market maker's size per level = quote size × this factor
 * @param liquidityLevels  price levels the market maker quotes on each side (1 = the top of book only)
 * @param levelTicks       distance between the market maker's levels, in ticks
 * @param defaultTick      tick size for instruments the market data gateway does not define
 * @param selfMatch        self-trade prevention
 * @param amendLatency     delay before an amend reaches the book (an order may fill meanwhile)
 * @param cancelLatency    delay before a cancel reaches the book (an order may fill meanwhile: the cancel is too late)
 * @param queuePosition    whether a resting limit order waits behind the quantity displayed at its price when it
 *                         arrived before the market's own trades at that price fill it (see {@link QueuePositions})
 */
public record VenueConfig(VenueId id, FeeSchedule fees, Duration latency, BigDecimal liquidityFactor,
        int liquidityLevels, int levelTicks, Price defaultTick, SelfMatchPolicy selfMatch, Duration amendLatency,
        Duration cancelLatency, boolean queuePosition) {

    public VenueConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(amendLatency, "amendLatency");
        Objects.requireNonNull(cancelLatency, "cancelLatency");
        Objects.requireNonNull(selfMatch, "selfMatch");
        checkLatency(id, "latency.ms", latency);
        checkLatency(id, "amend.latency.ms", amendLatency);
        checkLatency(id, "cancel.latency.ms", cancelLatency);
        if (liquidityFactor.signum() < 0) {
            throw new IllegalArgumentException("venue " + id + ": liquidity.factor must not be negative, got "
                    + liquidityFactor.toPlainString());
        }
        if (liquidityLevels < 1 || liquidityLevels > 100) {
            throw new IllegalArgumentException(
                    "venue " + id + ": liquidity.levels must be 1..100, got " + liquidityLevels);
        }
        if (levelTicks < 1) {
            throw new IllegalArgumentException(
                    "venue " + id + ": liquidity.level.ticks must be at least 1, got " + levelTicks);
        }
        if (!defaultTick.isPositive()) {
            throw new IllegalArgumentException("venue " + id + ": default tick must be positive, got " + defaultTick);
        }
        checkBps(id, "maker", fees.makerBps());
        checkBps(id, "taker", fees.takerBps());
    }

    /** Amends and cancels as slow as new orders, no queue position. */
    public VenueConfig(VenueId id, FeeSchedule fees, Duration latency, BigDecimal liquidityFactor, int liquidityLevels,
            int levelTicks, Price defaultTick, SelfMatchPolicy selfMatch) {
        this(id, fees, latency, liquidityFactor, liquidityLevels, levelTicks, defaultTick, selfMatch, latency, latency,
                false);
    }

    /** A venue with the defaults: 2 bps both ways, no latency, the quotes' size at 5 levels one tick apart. */
    public static VenueConfig defaults(String id) {
        return new VenueConfig(VenueId.of(id), FeeSchedule.ofBps("2", "2"), Duration.ZERO, BigDecimal.ONE, 5, 1,
                Price.of("0.01"), SelfMatchPolicy.CANCEL_TAKER);
    }

    public VenueConfig withFees(FeeSchedule newFees) {
        return new VenueConfig(id, newFees, latency, liquidityFactor, liquidityLevels, levelTicks, defaultTick,
                selfMatch, amendLatency, cancelLatency, queuePosition);
    }

    /** The same latency for new orders, amends and cancels. */
    public VenueConfig withLatency(Duration newLatency) {
        return withLatencies(newLatency, newLatency, newLatency);
    }

    /** A latency of its own for new orders, amends and cancels. */
    public VenueConfig withLatencies(Duration order, Duration amend, Duration cancel) {
        return new VenueConfig(id, fees, order, liquidityFactor, liquidityLevels, levelTicks, defaultTick, selfMatch,
                amend, cancel, queuePosition);
    }

    public VenueConfig withLiquidity(BigDecimal factor, int levels, int ticks) {
        return new VenueConfig(id, fees, latency, factor, levels, ticks, defaultTick, selfMatch, amendLatency,
                cancelLatency, queuePosition);
    }

    public VenueConfig withSelfMatch(SelfMatchPolicy policy) {
        return new VenueConfig(id, fees, latency, liquidityFactor, liquidityLevels, levelTicks, defaultTick, policy,
                amendLatency, cancelLatency, queuePosition);
    }

    public VenueConfig withQueuePosition(boolean on) {
        return new VenueConfig(id, fees, latency, liquidityFactor, liquidityLevels, levelTicks, defaultTick,
                selfMatch, amendLatency, cancelLatency, on);
    }

    private static void checkLatency(VenueId id, String key, Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException(
                    "venue " + id + ": " + key + " must not be negative, got " + latency.toMillis());
        }
    }

    /** The liquidity factor as a fixed-point raw value. */
    long liquidityFactorRaw() {
        return FixedPoint.fromBigDecimal(liquidityFactor);
    }

    /** A fee in bps as a fixed-point rate (2 bps = 0.0002). */
    static long rateRaw(BigDecimal bps) {
        return FixedPoint.fromBigDecimal(bps.movePointLeft(4));
    }

    /**
     * Parses a self-match policy name ({@code allow}, {@code cancel-taker}, {@code cancel_maker}...).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    static SelfMatchPolicy parseSelfMatch(String text) {
        try {
            return SelfMatchPolicy.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("self.match must be one of allow, cancel-taker, cancel-maker, "
                    + "cancel-both; got '" + text + "'", e);
        }
    }

    private static void checkBps(VenueId id, String which, BigDecimal bps) {
        if (bps.abs().compareTo(BigDecimal.valueOf(1000)) > 0 || bps.stripTrailingZeros().scale() > 4) {
            throw new IllegalArgumentException("venue " + id + ": " + which + " fee must be within ±1000 bps with at "
                    + "most 4 decimals, got " + bps.toPlainString());
        }
    }
}
