package org.nautilus.research.internal.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.nautilus.api.research.store.TimeRange;

/**
 * How finely the store splits an instrument's history into files by date: the {@code date=} key of its hive
 * partitions. A row belongs to the UTC day in which its time falls, a time at midnight to the day that ends then
 * (a daily bar that closes at midnight is in its own day's file).
 */
public enum DatePartition {
    YEAR, MONTH, DAY;

    public static DatePartition parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partition.date must be year, month or day, not '" + text + "'", e);
        }
    }

    /** The partition key of a time given in microseconds since the epoch. */
    String key(long epochMicros) {
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(epochMicros - 1, 86_400_000_000L));
        return switch (this) {
            case YEAR -> String.format(Locale.ROOT, "%04d", day.getYear());
            case MONTH -> String.format(Locale.ROOT, "%04d-%02d", day.getYear(), day.getMonthValue());
            case DAY -> day.toString();
        };
    }

    String key(Instant time) {
        return key(micros(time));
    }

    /** Microseconds since the epoch; instants beyond the store's years (e.g. {@code Instant.MAX}: "now or later") are clamped. */
    static long micros(Instant time) {
        if (time.isAfter(TimeRange.ALL.to())) {
            time = TimeRange.ALL.to();
        } else if (time.isBefore(TimeRange.ALL.from())) {
            time = TimeRange.ALL.from();
        }
        return Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

}
