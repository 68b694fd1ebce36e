package org.nautilus.api.research.data;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;

/**
 * One thing a data check found.
 *
 * @param kind       what is wrong
 * @param instrument whose series
 * @param time       the offending row's start (for a gap: the first missing start)
 * @param location   the offending row, e.g. {@code apple.csv:17} (for a gap: the row after it)
 * @param detail     the figures, e.g. {@code high 9.5 < low 10} or {@code 3 missing PT5M bars}
 */
public record DataIssue(Kind kind, InstrumentId instrument, Instant time, String location, String detail) {

    /** What a check finds. {@link #isError() Errors} cannot be loaded as bars; warnings can. */
    public enum Kind {
        /** Expected bars missing between two rows (by the interval and the calendar). Warning. */
        GAP(false),
        /** A second row with the start of an earlier one. Error. */
        DUPLICATE(true),
        /** A row starting before a row above it. Error. */
        OUT_OF_ORDER(true),
        /** A log return far outside the series' own spread (robust z-score, see {@link CheckRules}). Warning. */
        OUTLIER(false),
        /** A zero or negative open, high, low or close. Error. */
        NON_POSITIVE_PRICE(true),
        /** High below low, or open or close outside [low, high]. Error. */
        INCONSISTENT_OHLC(true),
        /** A negative volume. Error. */
        NEGATIVE_VOLUME(true);

        private final boolean error;

        Kind(boolean error) {
            this.error = error;
        }

        /** Whether a row with this issue cannot be a bar (the load refuses it or, if told to, skips it). */
        public boolean isError() {
            return error;
        }
    }

    public DataIssue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String toString() {
        return location + ": " + kind + " " + detail;
    }
}
