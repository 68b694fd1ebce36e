package org.nautilus.research.internal.features;

import java.time.Instant;
import java.util.List;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.research.internal.expression.PointInTimeFields;

/**
 * Where the point-in-time data fields come from: fundamentals from the factor store (what the data connectors
 * loaded), {@code $sentiment} from the sentiment service; either may be absent (its fields read NaN) and may come
 * or go while the engine runs. Backfills and the live engine take their fields from here, so both see the same
 * rows the same way ({@link PointInTimeFields}). Any thread.
 */
public final class PointInTimeSources {

    private volatile FactorStore store;
    private volatile SentimentService sentiment;
    /** Counts store changes, so a feed built from one store re-reads when another comes. */
    private volatile long stores;

    public PointInTimeSources(FactorStore store, SentimentService sentiment) {
        this.store = store;
        this.sentiment = sentiment;
    }

    /** No sources: every data field reads NaN until some are given. */
    public static PointInTimeSources none() {
        return new PointInTimeSources(null, null);
    }

    public synchronized void store(FactorStore newStore) {
        store = newStore;
        stores++;
    }

    /** Forgets the store if it is the one in use (a replacement bound before the old one left stays). */
    public synchronized void removeStore(FactorStore old) {
        if (store == old) {
            store(null);
        }
    }

    public synchronized void sentiment(SentimentService service) {
        sentiment = service;
    }

    public synchronized void removeSentiment(SentimentService old) {
        if (sentiment == old) {
            sentiment = null;
        }
    }

    /** Every stored revision of the instrument's fundamentals; empty with no store or none stored. */
    public List<Fundamental> fundamentals(InstrumentId instrument) {
        FactorStore s = store;
        if (s == null) {
            return List.of();
        }
        try {
            return s.fundamentalHistory(instrument);
        } catch (IllegalArgumentException e) {
            return List.of(); // the store has no fundamentals of this instrument: its fields read NaN
        }
    }

    /** The instrument's sentiment as of a moment, NaN without a service or an item in its window. */
    public double sentiment(InstrumentId instrument, Instant asOf) {
        SentimentService s = sentiment;
        return s == null ? Double.NaN : s.score(instrument, asOf).orElse(Double.NaN);
    }

    /** What the fundamentals read now would be: changes when the store takes fundamentals or is replaced. */
    long revision() {
        FactorStore s = store;
        return s == null ? -1 : (stores << 40) + s.fundamentalsWritten();
    }

    /** The data fields' columns over an instrument's bars ending at {@code ends}: a backfill's input. */
    public double[][] columns(InstrumentId instrument, List<Expression> fields, List<Instant> ends) {
        return PointInTimeFields.columns(fields, PointInTimeFields.readsFundamentals(fields) ? fundamentals(instrument)
                : List.of(), t -> sentiment(instrument, t), ends);
    }

    /** A live feed of an instrument's data fields, bar by bar. */
    public Feed feed(InstrumentId instrument, List<Expression> fields) {
        return new Feed(instrument, fields);
    }

    /**
     * One stream's data fields: before each bar it re-reads the instrument's fundamentals if the store took any
     * since it last read ({@link PointInTimeFields#refresh}). The stream's writer thread.
     */
    public final class Feed {

        private final InstrumentId instrument;
        private final boolean readsFundamentals;
        private final PointInTimeFields fields;
        private long revision;

        private Feed(InstrumentId instrument, List<Expression> fields) {
            this.instrument = instrument;
            this.readsFundamentals = PointInTimeFields.readsFundamentals(fields);
            this.revision = revision();
            this.fields = new PointInTimeFields(fields, readsFundamentals ? fundamentals(instrument) : List.of(),
                    t -> sentiment(instrument, t));
        }

        /** The fields' values on the instrument's bar ending at {@code end}. */
        public double[] next(Instant end) {
            if (readsFundamentals) {
                long now = revision();
                if (now != revision) {
                    revision = now;
                    fields.refresh(fundamentals(instrument));
                }
            }
            return fields.next(end);
        }
    }
}
