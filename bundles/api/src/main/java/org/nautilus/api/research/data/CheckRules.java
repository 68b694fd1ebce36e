package org.nautilus.api.research.data;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How bars are checked.
 *
 * @param interval  the bars' interval: consecutive starts further apart than this are a gap
 * @param calendar  which starts are expected
 * @param outlierZ  a bar whose log close-to-close return r has a robust z-score |r − median| / (1.4826 · MAD)
 *                  above this is an outlier (the median and median absolute deviation of the series' own
 *                  returns; 1.4826 makes the MAD estimate a standard deviation for normal returns)
 */
public record CheckRules(Duration interval, Calendar calendar, double outlierZ) {

    /** The robust z above which a return is reported: 10 flags crashes and bad ticks, not ordinary fat tails. */
    public static final double DEFAULT_OUTLIER_Z = 10;

    /** Which bar starts are expected between two rows. */
    public enum Calendar {
        /** Every interval, around the clock (crypto). */
        CONTINUOUS,
        /** Every interval on Monday to Friday (UTC); exchange holidays are not known and show as gaps. */
        WEEKDAYS,
        /** No gap check (e.g. intraday bars of a market with sessions). */
        NONE;

        /** Reads {@code continuous}, {@code weekdays} or {@code none}. */
        public static Calendar parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown calendar '" + text + "': use continuous, weekdays or none");
            }
        }
    }

    public CheckRules {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(calendar, "calendar");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bar interval must be positive, got " + interval);
        }
        if (!(outlierZ > 0)) {
            throw new IllegalArgumentException("outlier z-score threshold must be > 0, got " + outlierZ);
        }
    }

    /** Daily bars (P1D) get the weekday calendar, shorter ones none, both with the default outlier threshold. */
    public static CheckRules of(Duration interval) {
        return new CheckRules(interval, interval.equals(Duration.ofDays(1)) ? Calendar.WEEKDAYS : Calendar.NONE,
                DEFAULT_OUTLIER_Z);
    }
}
