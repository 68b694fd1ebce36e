package org.nautilus.strategy.internal.backtest;

import java.time.Instant;
import org.nautilus.api.domain.InstrumentId;

/**
 * One step of a backtest's data, released at {@code time}. A bar is two steps: its open at its start (the price
 * is known then) and the bar itself at its end. Steps at the same time go in {@code priority} order (a bar's close
 * before the next bar's open), then by file, then in file order: the merge is a total order, so every run is the
 * same.
 */
record DataEvent(Instant time, int priority, int feed, long sequence, Kind kind, InstrumentId instrument,
        Object payload) implements Comparable<DataEvent> {

    /** What a step is. */
    enum Kind {
        QUOTE, TRADE, BAR_OPEN, BAR
    }

    @Override
    public int compareTo(DataEvent o) {
        int c = time.compareTo(o.time);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(priority, o.priority);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(feed, o.feed);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
}
