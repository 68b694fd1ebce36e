package org.nautilus.strategy.internal.backtest;

import java.time.Instant;
import org.nautilus.api.domain.InstrumentId;

/**
 * One step of a backtest's data, released at {@code time}. A bar is two steps: its open at its start (the price
 * is known then) and the bar itself at its end. Steps at the same time go in {@code priority} order (a bar's close
 * before the next bar's open), then by file ({@code feed}), then in file order ({@code sequence}): see
 * {@link MergedFeed}.
 */
record DataEvent(Instant time, int priority, int feed, long sequence, Kind kind, InstrumentId instrument,
        Object payload) {

    /** What a step is. */
    enum Kind {
        QUOTE, TRADE, BAR_OPEN, BAR,
        /** A stored factor value, at the time it became known (before the bars closing then). */
        FACTOR
    }
}
