package org.nautilus.research.internal.features;

import java.time.Instant;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.research.internal.expression.FactorStream;

/**
 * A library's streaming state on one bar series: the {@link FactorStream} and the end of the last bar it took,
 * so a bar it already had (from its warm-up, then again from the live subscription) is not taken twice.
 */
final class LibraryStream {

    private final FactorStream stream;
    private Instant lastEnd;
    private int sinceSnapshot;
    /** The program's point-in-time data fields on each bar; null if it reads bars only. */
    private PointInTimeSources.Feed data;

    LibraryStream(FactorStream stream) {
        this.stream = stream;
    }

    /** A stream resumed from a snapshot taken after the bar ending at {@code lastEnd}. */
    LibraryStream(FactorStream resumed, Instant lastEnd) {
        this.stream = resumed;
        this.lastEnd = lastEnd;
    }

    /**
     * Feeds the program's data fields ({@code $eps}, {@code $sentiment}) from {@code feed} from the next bar on;
     * a resumed stream's feed first takes in what was published by its last bar (the state already holds the
     * values before).
     */
    void data(PointInTimeSources.Feed feed) {
        this.data = feed;
        if (lastEnd != null) {
            feed.next(lastEnd);
        }
    }

    /** Takes the bar if it ends after the last one taken; false if it did not (a repeat or out of order). */
    boolean update(Bar bar) {
        if (lastEnd != null && !bar.end().isAfter(lastEnd)) {
            return false;
        }
        stream.update(bar, data == null ? null : data.next(bar.end()));
        lastEnd = bar.end();
        sinceSnapshot++;
        return true;
    }

    double value(int factor) {
        return stream.value(factor);
    }

    long bars() {
        return stream.bars();
    }

    FactorStream stream() {
        return stream;
    }

    /** End of the last bar taken; null before the first. */
    Instant lastEnd() {
        return lastEnd;
    }

    /** Bars taken since the last {@link #snapshotTaken}. */
    int sinceSnapshot() {
        return sinceSnapshot;
    }

    void snapshotTaken() {
        sinceSnapshot = 0;
    }
}
