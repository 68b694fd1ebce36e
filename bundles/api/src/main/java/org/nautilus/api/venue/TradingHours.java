package org.nautilus.api.venue;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * When a venue takes orders: a daily session from {@code open} (inclusive) to {@code close} (exclusive) in the venue's
 * time zone, on the given days of the week. A session whose close is before its open runs over midnight (e.g. a
 * futures session 18:00-17:00), belonging to the day it opens.
 *
 * @param zone  the venue's time zone
 * @param open  the local time the session opens
 * @param close the local time it closes
 * @param days  the days of the week a session opens, at least one
 * @since 1.4
 */
public record TradingHours(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days) {

    public TradingHours {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (open.equals(close)) {
            throw new IllegalArgumentException("a session needs different open and close times, got " + open
                    + "-" + close);
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a session needs at least one day of the week");
        }
        days = Set.copyOf(days);
    }

    /**
     * Parses {@code [DAYS] HH:mm-HH:mm ZONE}, e.g. {@code MON-FRI 09:30-16:00 America/New_York} or
     * {@code 08:00-16:30 Europe/London} (every day); days are a range {@code MON-FRI} or a list {@code MON,WED}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static TradingHours parse(String text) {
        String[] parts = Objects.requireNonNull(text, "text").strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("trading hours '" + text
                    + "': expected [DAYS] HH:mm-HH:mm ZONE, e.g. MON-FRI 09:30-16:00 America/New_York");
        }
        Set<DayOfWeek> days;
        try {
            days = parts.length == 3 ? days(parts[0]) : EnumSet.allOf(DayOfWeek.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trading hours '" + text + "': " + e.getMessage(), e);
        }
        String[] times = parts[parts.length - 2].split("-");
        if (times.length != 2) {
            throw new IllegalArgumentException("trading hours '" + text + "': the session is HH:mm-HH:mm, got "
                    + parts[parts.length - 2]);
        }
        try {
            return new TradingHours(ZoneId.of(parts[parts.length - 1]), LocalTime.parse(times[0]),
                    LocalTime.parse(times[1]), days);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("trading hours '" + text + "': " + e.getMessage(), e);
        }
    }

    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : text.toUpperCase(Locale.ROOT).split(",")) {
            String[] range = item.split("-");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length == 2 ? day(range[1]) : from;
            if (range.length > 2) {
                throw new IllegalArgumentException("days '" + item + "': expected a day or a range such as MON-FRI");
            }
            for (DayOfWeek d = from;; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(text) && text.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a day of the week (MON, TUE, ... SUN)");
    }

    /** {@code true} if a session is open at {@code time}. */
    public boolean isOpen(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        LocalTime t = local.toLocalTime();
        if (open.isBefore(close)) {
            return days.contains(local.getDayOfWeek()) && !t.isBefore(open) && t.isBefore(close);
        }
        // Over midnight: the evening part belongs to today's session, the morning part to yesterday's.
        return !t.isBefore(open) ? days.contains(local.getDayOfWeek())
                : t.isBefore(close) && days.contains(local.getDayOfWeek().minus(1));
    }

    /** {@code MON-FRI 09:30-16:00 America/New_York} (days listed one by one unless every day). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (days.size() < 7) {
            EnumSet.copyOf(days).forEach(d -> b.append(d.getDisplayName(TextStyle.SHORT, Locale.ROOT)
                    .toUpperCase(Locale.ROOT)).append(','));
            b.setCharAt(b.length() - 1, ' ');
        }
        return b.append(open).append('-').append(close).append(' ').append(zone).toString();
    }
}
