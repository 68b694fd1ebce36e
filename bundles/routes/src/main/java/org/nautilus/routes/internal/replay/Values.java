package org.nautilus.routes.internal.replay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parsing of the times found in market data files. */
final class Values {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private Values() {
    }

    /**
     * An instant from epoch seconds ({@code 1385337600}, fractions allowed), epoch milliseconds (13 digits),
     * microseconds (16) or nanoseconds (19), an ISO instant ({@code 2013-11-25T00:00:00Z}), a local date-time
     * (UTC) or a date (its UTC midnight).
     */
    static Instant instant(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty time");
        }
        if (t.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            BigDecimal value = new BigDecimal(t);
            int digits = value.toBigInteger().toString().length();
            if (digits <= 11) {
                return fromSeconds(value);
            } else if (digits <= 14) {
                return fromSeconds(value.divide(THOUSAND));
            } else if (digits <= 17) {
                return fromSeconds(value.movePointLeft(6));
            }
            return fromSeconds(value.movePointLeft(9));
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return Instant.parse(t);
            }
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time (epoch seconds/ms or ISO-8601)", e);
        }
    }

    private static Instant fromSeconds(BigDecimal seconds) {
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
