package org.nautilus.risk.internal.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.RiskStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The P&amp;L of one portfolio since the start of the trading day: totals to date minus the totals at the
 * day's start. The start-of-day baseline is the last total seen on the previous day (the engine observes
 * every portfolio periodically, so that is the close), or, for a portfolio first seen today, the first
 * total seen: P&amp;L made before the platform started is not today's as far as the engine knows.
 *
 * <p>The baseline is kept durably in the store's {@link RiskStateStore} when there is one, so a node restarted
 * during the day still measures against the morning's baseline (the position keeper restores the P&amp;L to
 * date): the first observation with a store reads the saved baseline and adopts it if it is today's, else saves
 * its own; every new day's baseline is saved. Without a store (or while it fails) the baseline lives in memory
 * and is saved once a store answers.
 *
 * <p>Realized P&amp;L is remembered per instrument, so a position the keeper drops when it goes flat does
 * not take its realized P&amp;L with it. Not thread-safe: used under the portfolio's lock.
 */
final class DailyPnl {

    private static final Logger LOG = LoggerFactory.getLogger(DailyPnl.class);

    /**
     * @param realized        realized P&amp;L to date, after commissions, raw money
     * @param unrealized      unrealized P&amp;L at the current marks, raw money
     * @param dailyRealized   realized since the start of the day
     * @param dailyUnrealized change of unrealized since the start of the day
     */
    record Snapshot(long realized, long unrealized, long dailyRealized, long dailyUnrealized) {

        long total() {
            return Math.addExact(realized, unrealized);
        }

        long daily() {
            return Math.addExact(dailyRealized, dailyUnrealized);
        }
    }

    /** Realized P&amp;L net of commissions per instrument, raw money, in a one-slot array: no boxing per check. */
    private final Map<InstrumentId, long[]> realizedByInstrument = new HashMap<>();
    private final PortfolioId portfolio;
    /** {@code true} once a store was asked for this portfolio's saved baseline (then ours is saved on change). */
    private boolean consulted;
    /** {@code true} while the baseline in force is saved in the store. */
    private boolean saved;
    private LocalDate day;
    private long baseRealized;
    private long baseUnrealized;
    private long lastRealized;
    private long lastUnrealized;

    DailyPnl(PortfolioId portfolio) {
        this.portfolio = portfolio;
    }

    /** Observes the portfolio now, without a store. */
    Snapshot observe(List<Position> positions, ToLongFunction<Position> unrealizedOf, LocalDate today) {
        return observe(positions, unrealizedOf, today, null, null);
    }

    /**
     * Observes the portfolio now.
     *
     * @param unrealizedOf the unrealized P&amp;L of a position at the current mark, raw money
     * @param store        where the baseline is kept durably, or {@code null} for none
     * @param now          the time a saved baseline is stamped with
     */
    Snapshot observe(List<Position> positions, ToLongFunction<Position> unrealizedOf, LocalDate today,
            RiskStateStore store, Instant now) {
        long unrealized = 0;
        for (Position p : positions) {
            long realizedNet = Math.subtractExact(p.realizedPnl().raw(), p.commissions().raw());
            long[] known = realizedByInstrument.get(p.instrumentId());
            if (known == null) {
                realizedByInstrument.put(p.instrumentId(), new long[] {realizedNet});
            } else {
                known[0] = realizedNet;
            }
            if (!p.isFlat()) {
                unrealized = Math.addExact(unrealized, unrealizedOf.applyAsLong(p));
            }
        }
        long realized = 0;
        for (long[] r : realizedByInstrument.values()) {
            realized = Math.addExact(realized, r[0]);
        }
        return observe(realized, unrealized, today, store, now);
    }

    /**
     * Observes the portfolio now from its totals (the running valuation's): the same baseline rules as above.
     *
     * @param realized   realized P&amp;L to date, after commissions, of every instrument ever held, raw money
     * @param unrealized unrealized P&amp;L at the current marks, raw money
     */
    Snapshot observe(long realized, long unrealized, LocalDate today, RiskStateStore store, Instant now) {
        if (day == null) {
            day = today;
            baseRealized = realized;
            baseUnrealized = unrealized;
            saved = false;
        } else if (today.isAfter(day)) {
            day = today;
            baseRealized = lastRealized;
            baseUnrealized = lastUnrealized;
            saved = false;
        }
        if (store != null && (!consulted || !saved)) {
            keep(store, now);
        }
        lastRealized = realized;
        lastUnrealized = unrealized;
        return new Snapshot(realized, unrealized, realized - baseRealized, unrealized - baseUnrealized);
    }

    /** Adopts today's saved baseline the first time a store answers, else saves the baseline in force. */
    private void keep(RiskStateStore store, Instant now) {
        try {
            if (!consulted) {
                Optional<DailyPnlBaseline> stored = store.dailyPnlBaseline(portfolio);
                consulted = true;
                if (stored.isPresent() && stored.get().day().equals(day)) {
                    baseRealized = stored.get().realized().raw();
                    baseUnrealized = stored.get().unrealized().raw();
                    saved = true;
                    LOG.info("Daily P&L baseline of {} for {} restored from the store: realized {}, unrealized {}",
                            portfolio, day, stored.get().realized(), stored.get().unrealized());
                    return;
                }
            }
            store.save(new DailyPnlBaseline(portfolio, day, new Money(baseRealized), new Money(baseUnrealized), now));
            saved = true;
        } catch (RuntimeException e) {
            // The limit still works on the baseline in memory; the save is retried at the next observation.
            LOG.warn("Daily P&L baseline of {} for {} not kept in the store (retried): {}", portfolio, day,
                    e.toString());
        }
    }
}
