package org.nautilus.api.research.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A closed interval of time, {@code from <= t <= to}.
 *
 * @param from the first instant included
 * @param to   the last instant included; not before {@code from}
 */
public record TimeRange(Instant from, Instant to) {

    /** Everything a store can hold. */
    public static final TimeRange ALL = new TimeRange(Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("2999-12-31T23:59:59Z"));

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("inverted time range: from " + from + " is after to " + to);
        }
    }

    /**
     * The days {@code from} to {@code to} inclusive, in UTC: from the start of {@code from} to the end of {@code
     * to} (the next midnight, so a daily bar of {@code to}, which ends then, is inside). {@code null} leaves that
     * side open.
     */
    public static TimeRange ofDays(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("inverted date range: from " + from + " is after to " + to);
        }
        return new TimeRange(from == null ? ALL.from() : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to == null ? ALL.to() : endOfDay(to));
    }

    /** The end of a UTC day: the next midnight, when that day's daily bar closes. */
    public static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * A moment as users write one: an instant ({@code 2013-06-28T16:00:00Z}) or a day ({@code 2013-06-28}), meaning
     * its end ({@link #endOfDay}: when that day's daily bar has closed). The one reading of "as of" for the shell,
     * HTTP and routes.
     *
     * @param name what the text is (a parameter, an option), for the message
     * @throws IllegalArgumentException naming {@code name} if the text is neither
     * @since 1.3
     */
    public static Instant moment(String name, String text) {
        String t = text.strip();
        try {
            return t.length() == 10 ? endOfDay(LocalDate.parse(t)) : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text
                    + "' is not a date (2013-06-28: its end) or an instant (2013-06-28T16:00:00Z)");
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(from) && !instant.isAfter(to);
    }

    /** The part of this range up to {@code asOf} (what was known then), or {@code null} if none. */
    public TimeRange knownAt(Instant asOf) {
        if (asOf.isBefore(from)) {
            return null;
        }
        return asOf.isBefore(to) ? new TimeRange(from, asOf) : this;
    }
}
