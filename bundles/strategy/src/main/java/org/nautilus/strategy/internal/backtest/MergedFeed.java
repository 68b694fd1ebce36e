package org.nautilus.strategy.internal.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.api.routes.MarketDataFiles;

/**
 * The data files of a backtest merged in time order, one step at a time (a file is read as it goes, never loaded
 * whole). Each file must be in time order itself: a step earlier than the one before it in the same file is an
 * error naming the file, which stops the run (the engine never releases data out of order).
 */
final class MergedFeed implements AutoCloseable {

    private final List<Cursor> cursors = new ArrayList<>();
    private final PriorityQueue<DataEvent> heads = new PriorityQueue<>();

    /** @param readers the open files, in the spec's order; {@code names} says which is which in errors */
    MergedFeed(List<MarketDataFiles.Reader> readers, List<String> names) {
        for (int i = 0; i < readers.size(); i++) {
            Cursor cursor = new Cursor(i, names.get(i), readers.get(i));
            cursors.add(cursor);
            DataEvent first = cursor.next();
            if (first != null) {
                heads.add(first);
            }
        }
    }

    /** The next step of all files, or {@code null} when every file is done. */
    DataEvent next() {
        DataEvent head = heads.poll();
        if (head == null) {
            return null;
        }
        DataEvent following = cursors.get(head.feed()).next();
        if (following != null) {
            heads.add(following);
        }
        return head;
    }

    @Override
    public void close() {
        for (Cursor cursor : cursors) {
            try {
                cursor.reader.close();
            } catch (IOException e) {
                // Closing a file we only read: nothing to recover.
            }
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

        Cursor(int feed, String name, MarketDataFiles.Reader reader) {
            this.feed = feed;
            this.name = name;
            this.reader = reader;
        }

        DataEvent next() {
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
    }
}
