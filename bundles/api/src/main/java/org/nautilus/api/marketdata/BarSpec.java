package org.nautilus.api.marketdata;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.nautilus.api.domain.Quantity;

/**
 * How bars are cut from the trades (and, for time bars without trades, the quote mids) of an instrument.
 * <ul>
 *   <li>{@link Type#TIME}: epoch-aligned intervals {@code [k·interval, (k+1)·interval)}, e.g. 1 s … 1 d (UTC days);</li>
 *   <li>{@link Type#TICK}: every {@code count} trades;</li>
 *   <li>{@link Type#VOLUME}: as soon as the traded quantity reaches {@code volume} (the trade that crosses it is
 *       not split, so a bar may hold a little more).</li>
 * </ul>
 * A tick or volume bar covers {@code [first trade time, last trade time + 1 ns)}.
 *
 * @param type     the kind of bar
 * @param interval the interval of a time bar, otherwise {@code null}
 * @param count    trades per tick bar, otherwise 0
 * @param volume   quantity per volume bar, otherwise {@code null}
 */
public record BarSpec(Type type, Duration interval, long count, Quantity volume) {

    /** The kinds of bars. */
    public enum Type {
        TIME, TICK, VOLUME
    }

    public BarSpec {
        Objects.requireNonNull(type, "type");
        switch (type) {
            case TIME -> {
                if (interval == null || interval.isNegative() || interval.isZero() || count != 0 || volume != null) {
                    throw new IllegalArgumentException("a time bar needs a positive interval only, got " + interval);
                }
            }
            case TICK -> {
                if (count < 1 || interval != null || volume != null) {
                    throw new IllegalArgumentException("a tick bar needs a trade count >= 1 only, got " + count);
                }
            }
            case VOLUME -> {
                if (volume == null || !volume.isPositive() || interval != null || count != 0) {
                    throw new IllegalArgumentException("a volume bar needs a positive volume only, got " + volume);
                }
            }
        }
    }

    public static BarSpec time(Duration interval) {
        return new BarSpec(Type.TIME, interval, 0, null);
    }

    public static BarSpec ticks(long count) {
        return new BarSpec(Type.TICK, null, count, null);
    }

    public static BarSpec volume(Quantity volume) {
        return new BarSpec(Type.VOLUME, null, 0, volume);
    }

    /**
     * Parses {@code PT1M} / {@code time:PT1M} (ISO-8601 duration), {@code ticks:100} or {@code volume:250.5}.
     *
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static BarSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a bar spec is required: PT1M, ticks:100 or volume:1000");
        }
        String t = text.strip();
        int colon = t.indexOf(':');
        String kind = colon < 0 ? "time" : t.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? t : t.substring(colon + 1).strip();
        try {
            return switch (kind) {
                case "time" -> time(Duration.parse(value.toUpperCase(Locale.ROOT)));
                case "tick", "ticks" -> ticks(Long.parseLong(value));
                case "volume", "vol" -> volume(Quantity.of(value));
                default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad bar spec '" + text
                    + "': use an ISO-8601 duration (PT1S, PT1M, P1D), ticks:N or volume:Q (" + e.getMessage() + ")", e);
        }
    }

    /** The form {@link #parse} reads: {@code PT1M}, {@code ticks:100}, {@code volume:250.5}. */
    @Override
    public String toString() {
        return switch (type) {
            case TIME -> interval.toString();
            case TICK -> "ticks:" + count;
            case VOLUME -> "volume:" + volume;
        };
    }
}
