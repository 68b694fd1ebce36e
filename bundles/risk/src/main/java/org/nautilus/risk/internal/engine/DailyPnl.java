package org.nautilus.risk.internal.engine;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Position;

/**
 * The P&amp;L of one portfolio since the start of the trading day: totals to date minus the totals at the
 * day's start. The start-of-day baseline is the last total seen on the previous day (the engine observes
 * every portfolio periodically, so that is the close), or, for a portfolio first seen today, the first
 * total seen: P&amp;L made before the platform started is not today's as far as the engine knows.
 *
 * <p>Realized P&amp;L is remembered per instrument, so a position the keeper drops when it goes flat does
 * not take its realized P&amp;L with it. Not thread-safe: used under the portfolio's lock.
 */
final class DailyPnl {

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
    private LocalDate day;
    private long baseRealized;
    private long baseUnrealized;
    private long lastRealized;
    private long lastUnrealized;

    /**
     * Observes the portfolio now.
     *
     * @param unrealizedOf the unrealized P&amp;L of a position at the current mark, raw money
     */
    Snapshot observe(List<Position> positions, ToLongFunction<Position> unrealizedOf, LocalDate today) {
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
        if (day == null) {
            day = today;
            baseRealized = realized;
            baseUnrealized = unrealized;
        } else if (today.isAfter(day)) {
            day = today;
            baseRealized = lastRealized;
            baseUnrealized = lastUnrealized;
        }
        lastRealized = realized;
        lastUnrealized = unrealized;
        return new Snapshot(realized, unrealized, realized - baseRealized, unrealized - baseUnrealized);
    }
}
