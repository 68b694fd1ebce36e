package org.nautilus.strategy.internal.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.routes.MarketDataFiles;

/**
 * The data files (and stored data, {@link StoreData}) of a backtest merged in time order, one step at a time (a file is read as it goes, never loaded
 * whole). Each file must be in time order itself: a step earlier than the one before it in the same file is an
 * error naming the file, which stops the run (the engine never releases data out of order).
 *
 * <p>Steps at the same time go in {@link DataEvent#priority()} order (a bar's close before the next bar's open), then
 * by file, then in file order: the merge is a total order, so every run is the same. The files are a binary min-heap
 * of cursors keyed by their next step's time (seconds, nanos) and priority, compared as primitives: taking a step
 * replaces the top cursor's key with its following step and sifts it down once (a {@code PriorityQueue} of events
 * sifted down on the poll and up again on the add, comparing {@code Instant}s, was 15 % of a backtest's time).
 */
final class MergedFeed implements AutoCloseable {

    private final Cursor[] cursors;
    private final Cursor[] heap;
    private int size;

    /** @param readers the open files, in the spec's order; {@code names} says which is which in errors */
    MergedFeed(List<MarketDataFiles.Reader> readers, List<String> names) {
        cursors = new Cursor[readers.size()];
        heap = new Cursor[readers.size()];
        for (int i = 0; i < readers.size(); i++) {
            Cursor cursor = new Cursor(i, names.get(i), readers.get(i));
            cursors[i] = cursor;
            if (cursor.advance()) {
                heap[size] = cursor;
                siftUp(size++);
            }
        }
    }

    /** The next step of all files, or {@code null} when every file is done. */
    DataEvent next() {
        if (size == 0) {
            return null;
        }
        Cursor top = heap[0];
        DataEvent head = top.head;
        if (!top.advance()) {
            // That file is done: the last cursor takes the top's place.
            top = heap[--size];
            heap[size] = null;
            if (size == 0) {
                return head;
            }
        }
        siftDown(top);
        return head;
    }

    private void siftUp(int at) {
        Cursor cursor = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (!cursor.before(heap[parent])) {
                break;
            }
            heap[at] = heap[parent];
            at = parent;
        }
        heap[at] = cursor;
    }

    /** Places {@code cursor} at the top and sifts it down to where its head belongs. */
    private void siftDown(Cursor cursor) {
        int at = 0;
        int half = size >>> 1;
        while (at < half) {
            int child = 2 * at + 1;
            Cursor smaller = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(smaller)) {
                child = right;
                smaller = heap[right];
            }
            if (!smaller.before(cursor)) {
                break;
            }
            heap[at] = smaller;
            at = child;
        }
        heap[at] = cursor;
    }

    @Override
    public void close() {
        for (Cursor cursor : cursors) {
            cursor.close();
        }
    }

    /** One file's steps: a bar read gives its open now and the bar itself next. */
    private static final class Cursor {
        final int feed;
        final String name;
        final MarketDataFiles.Reader reader;
        long sequence;
        DataEvent pendingBar;
        Instant last = Instant.MIN;
        /** The next step, and its ordering key as primitives. */
        DataEvent head;
        long seconds;
        int nanos;
        int priority;
        long headSequence;

        Cursor(int feed, String name, MarketDataFiles.Reader reader) {
            this.feed = feed;
            this.name = name;
            this.reader = reader;
        }

        /** Whether this cursor's head goes before {@code other}'s (time, priority, file, order in the file). */
        boolean before(Cursor other) {
            if (seconds != other.seconds) {
                return seconds < other.seconds;
            }
            if (nanos != other.nanos) {
                return nanos < other.nanos;
            }
            if (priority != other.priority) {
                return priority < other.priority;
            }
            return feed != other.feed ? feed < other.feed : headSequence < other.headSequence;
        }

        /** Reads the next step into {@link #head}; {@code false} at the end of the file. */
        boolean advance() {
            DataEvent event = read();
            head = event;
            if (event == null) {
                return false;
            }
            Instant time = event.time();
            seconds = time.getEpochSecond();
            nanos = time.getNano();
            priority = event.priority();
            headSequence = event.sequence();
            return true;
        }

        private DataEvent read() {
            DataEvent event;
            if (pendingBar != null) {
                event = pendingBar;
                pendingBar = null;
            } else {
                Object read;
                try {
                    read = reader.next();
                } catch (IOException e) {
                    throw new UncheckedIOException(name + ": " + e.getMessage(), e);
                }
                if (read == null) {
                    return null;
                }
                if (read instanceof Quote q) {
                    event = new DataEvent(q.timestamp(), 0, feed, sequence++, DataEvent.Kind.QUOTE, q.instrumentId(),
                            q);
                } else if (read instanceof Trade t) {
                    event = new DataEvent(t.timestamp(), 0, feed, sequence++, DataEvent.Kind.TRADE, t.instrumentId(),
                            t);
                } else if (read instanceof Bar b) {
                    pendingBar = new DataEvent(b.end(), 0, feed, sequence + 1, DataEvent.Kind.BAR, b.instrumentId(), b);
                    event = new DataEvent(b.start(), 1, feed, sequence, DataEvent.Kind.BAR_OPEN, b.instrumentId(), b);
                    sequence += 2;
                } else if (read instanceof FactorValue v) {
                    // Before the bars closing at the same time: a strategy's onBar then reads the value, as it reads
                    // the factors the engine computes over that bar.
                    event = new DataEvent(v.asOf(), -1, feed, sequence++, DataEvent.Kind.FACTOR, v.instrument(), v);
                } else {
                    throw new IllegalArgumentException(name + ": unexpected event " + read);
                }
            }
            if (event.time().isBefore(last)) {
                throw new IllegalArgumentException(name + ": data out of time order: " + event.kind() + " of "
                        + event.instrument() + " at " + event.time() + " comes after " + last
                        + " (bars must not overlap; sort the file by time)");
            }
            last = event.time();
            return event;
        }

        void close() {
            try {
                reader.close();
            } catch (IOException e) {
                // Closing a file we only read: nothing to recover.
            }
        }
    }
}
