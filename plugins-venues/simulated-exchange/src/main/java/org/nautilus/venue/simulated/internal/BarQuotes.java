package org.nautilus.venue.simulated.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;

/**
 * How the simulated exchange quotes an instrument for which the data has only prices (bars, trades), not quotes: a
 * quote {@code slippageBps} either side of the price, on the tick (bid rounded down, ask up, at least a tick apart),
 * each side showing {@code participation} × the volume (rounded down to the lot; unlimited when the volume is
 * unknown). A bar is two quotes: its open at its start, then its close at its end.
 *
 * <p>The one model of the backtest and of the live venue fed replayed bars (option {@code bar.quotes.spec}), so a
 * strategy's market order fills at the same price in both.
 *
 * <p>{@code slippageBps} is half the synthetic spread, in basis points of the price, or (made with {@link #inTicks})
 * a whole number of ticks either side of the price; {@code participation} the share of the bar's (trade's) volume
 * shown on each side.
 */
public final class BarQuotes {

    /** Shown when the volume is unknown (zero): a size no order reaches. */
    private static final long UNLIMITED = Quantity.ofWhole(1_000_000_000).raw();

    private final BigDecimal slippageBps;
    private final BigDecimal participation;
    /** The two as fixed-point numbers, computed once: the backtest quotes every price of its data. */
    private final long slippageRaw;
    private final long participationRaw;
    /** Half the spread in ticks, or 0: in basis points. */
    private final long slippageTicks;

    public BarQuotes(BigDecimal slippageBps, BigDecimal participation) {
        this(slippageBps, participation, 0);
    }

    /** Quotes {@code ticks} ticks either side of the price (at least 1), whatever the price. */
    public static BarQuotes inTicks(int ticks, BigDecimal participation) {
        if (ticks < 1) {
            throw new IllegalArgumentException("slippage.ticks must be at least 1, got " + ticks);
        }
        return new BarQuotes(BigDecimal.ZERO, participation, ticks);
    }

    private BarQuotes(BigDecimal slippageBps, BigDecimal participation, long slippageTicks) {
        Objects.requireNonNull(slippageBps, "slippageBps");
        Objects.requireNonNull(participation, "participation");
        if (slippageBps.signum() < 0) {
            throw new IllegalArgumentException("slippage must not be negative, got " + slippageBps.toPlainString()
                    + " bps");
        }
        if (participation.signum() <= 0 || participation.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("participation must be in (0, 1], got " + participation.toPlainString());
        }
        this.slippageBps = slippageBps;
        this.participation = participation;
        this.slippageRaw = FixedPoint.fromBigDecimal(slippageBps);
        this.participationRaw = FixedPoint.fromBigDecimal(participation);
        this.slippageTicks = slippageTicks;
    }

    public BigDecimal slippageBps() {
        return slippageBps;
    }

    public BigDecimal participation() {
        return participation;
    }

    /** Parses the two numbers, naming the option that is wrong. */
    public static BarQuotes of(String slippageBps, String participation) {
        return new BarQuotes(decimal("slippage.bps", slippageBps), decimal("participation", participation));
    }

    /** A bar's two quotes: the open at its start, the close at its end. */
    public List<Quote> of(Bar bar, Price tick, Quantity lot) {
        return List.of(around(bar.instrumentId(), bar.open(), bar.volume(), tick, lot, bar.start()),
                around(bar.instrumentId(), bar.close(), bar.volume(), tick, lot, bar.end()));
    }

    /** The quote around one price at {@code time}, sized from {@code volume}. */
    public Quote around(InstrumentId id, Price price, Quantity volume, Price tick, Quantity lot, Instant time) {
        long t = tick.raw();
        long p = price.raw();
        long half = slippageTicks > 0 ? slippageTicks * t : FixedPoint.multiply(p, slippageRaw) / 10_000;
        long bid = Math.max(t, Math.floorDiv(p - half, t) * t);
        long ask = -Math.floorDiv(-(p + half), t) * t;
        if (ask <= bid) {
            ask = bid + t;
        }
        long step = Math.max(lot.raw(), 1);
        long size = volume.isPositive()
                ? FixedPoint.multiply(volume.raw(), participationRaw) / step * step
                : UNLIMITED;
        Quantity shown = new Quantity(Math.max(size, 0));
        return new Quote(id, new Price(bid), shown, new Price(ask), shown, time);
    }

    private static BigDecimal decimal(String name, String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be a decimal number, got '" + text + "'", e);
        }
    }
}
