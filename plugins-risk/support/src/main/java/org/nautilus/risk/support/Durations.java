package org.nautilus.risk.support;

import java.math.BigDecimal;
import java.time.Duration;

/** Short duration text for messages: {@code 1s}, {@code 250ms}, {@code 1.5s}, {@code 2m}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        if (ms >= 1000) {
            return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
        return ms + "ms";
    }

    public static Duration parseMillis(String key, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + millis);
        }
        return Duration.ofMillis(millis);
    }
}
