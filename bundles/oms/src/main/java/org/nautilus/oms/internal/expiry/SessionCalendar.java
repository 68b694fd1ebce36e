package org.nautilus.oms.internal.expiry;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The trading sessions of the desk's market: one session a trading day, from {@code open} to {@code close} in
 * {@code zone}; weekend days and holidays have none. A DAY order lives until the close of the session it was
 * entered in (entered after a close, or on a day without a session: the next session's close).
 *
 * <p>Configured by keys of {@code etc/nautilus.oms.cfg} (PID {@code nautilus.oms}): {@value #ZONE},
 * {@value #OPEN}, {@value #CLOSE}, {@value #WEEKEND} ({@value #NONE}: every day trades) and {@value #HOLIDAYS}; see
 * {@link #parse}.
 *
 * @param zone     the time zone of the session times and of the dates
 * @param open     when the session opens (local time)
 * @param close    when it closes (local time, after {@code open}: sessions do not span midnight)
 * @param weekend  days of the week without a session
 * @param holidays dates without a session
 */
public record SessionCalendar(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> weekend,
        Set<LocalDate> holidays) {

    public static final String ZONE = "session.zone";
    public static final String OPEN = "session.open";
    public static final String CLOSE = "session.close";
    public static final String WEEKEND = "session.weekend";
    public static final String HOLIDAYS = "session.holidays";
    /** The {@value #WEEKEND} of a market that trades every day. */
    public static final String NONE = "none";

    /** Without configuration: New York equities, 09:30 to 16:00, Monday to Friday, no holidays. */
    public static final SessionCalendar DEFAULT = new SessionCalendar(ZoneId.of("America/New_York"),
            LocalTime.of(9, 30), LocalTime.of(16, 0), EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of());

    public SessionCalendar {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (!close.isAfter(open)) {
            throw new IllegalArgumentException(CLOSE + " " + close + " must be after " + OPEN + " " + open
                    + " (a session does not span midnight)");
        }
        weekend = weekend.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(weekend));
        if (weekend.size() == DayOfWeek.values().length) {
            throw new IllegalArgumentException(WEEKEND + " names every day of the week: there would be no session");
        }
        holidays = Set.copyOf(new TreeSet<>(holidays));
    }

    /**
     * The calendar the properties describe; a missing or blank key keeps its {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the key and the value it could not read
     */
    public static SessionCalendar parse(Map<String, ?> properties) {
        ZoneId zone = read(properties, ZONE, DEFAULT.zone, ZoneId::of);
        LocalTime open = read(properties, OPEN, DEFAULT.open, LocalTime::parse);
        LocalTime close = read(properties, CLOSE, DEFAULT.close, LocalTime::parse);
        Set<DayOfWeek> weekend = read(properties, WEEKEND, DEFAULT.weekend, text -> {
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            if (text.equalsIgnoreCase(NONE)) {
                return days;
            }
            for (String day : list(text)) {
                days.add(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            }
            return days;
        });
        Set<LocalDate> holidays = read(properties, HOLIDAYS, DEFAULT.holidays, text -> {
            Set<LocalDate> dates = new TreeSet<>();
            for (String date : list(text)) {
                dates.add(LocalDate.parse(date));
            }
            return dates;
        });
        return new SessionCalendar(zone, open, close, weekend, holidays);
    }

    /** Whether {@code date} has a session. */
    public boolean tradingDay(LocalDate date) {
        return !weekend.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /**
     * The close of the session {@code at} belongs to: today's close if today has a session and it has not closed
     * yet, else the close of the next day with a session.
     */
    public ZonedDateTime sessionClose(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!tradingDay(day) || !local.toLocalTime().isBefore(close)) {
            day = day.plusDays(1);
        }
        // At least one weekday trades, so a week without holidays has a session; holidays are dates, finitely many.
        while (!tradingDay(day)) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, close, zone);
    }

    @Override
    public String toString() {
        return open + "-" + close + " " + zone + ", closed on " + weekend + " and " + holidays.size() + " holiday(s)";
    }

    private interface Reader<T> {
        T read(String text);
    }

    private static <T> T read(Map<String, ?> properties, String key, T fallback, Reader<T> reader) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        String text = value.toString().strip();
        try {
            return reader.read(text);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": cannot read '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    private static String[] list(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }
}
