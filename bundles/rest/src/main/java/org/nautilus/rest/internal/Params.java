package org.nautilus.rest.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.nautilus.api.domain.OrderId;

/** Query and path parameters, each checked with an error that names it. */
final class Params {

    private Params() {
    }

    static int intIn(String field, String text, int defaultValue, int min, int max) {
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw ApiException.badParameter(field, field + " must be between " + min + " and " + max + ", got "
                        + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(field, field + " must be a whole number, got '" + text + "'");
        }
    }

    static <E extends Enum<E>> E enumValue(String field, Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(field, "unknown " + field + " '" + text + "', expected one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** A comma-separated set of enum names; empty when not given. */
    static <E extends Enum<E>> Set<E> enumSet(String field, Class<E> type, String text) {
        EnumSet<E> values = EnumSet.noneOf(type);
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    values.add(enumValue(field, type, part));
                }
            }
        }
        return values;
    }

    static OrderId orderId(String text) {
        try {
            return OrderId.of(Long.parseLong(text.strip()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("orderId", "an order id is a positive whole number, got '" + text + "'");
        }
    }

    static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(field, field + " must be an ISO-8601 instant such as 2026-12-31T21:00:00Z, "
                    + "got '" + text + "'");
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
