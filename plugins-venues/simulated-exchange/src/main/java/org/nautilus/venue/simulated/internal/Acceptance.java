package org.nautilus.venue.simulated.internal;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.venue.TradingHours;

/**
 * What the simulated venue says it takes, for the pre-trade venue check: its trading hours (empty: always open), the
 * order types and the times in force it accepts (empty configuration: all).
 *
 * @param hours        the session, or empty for always open
 * @param orderTypes   accepted order types
 * @param timesInForce accepted times in force
 */
record Acceptance(Optional<TradingHours> hours, Set<OrderType> orderTypes, Set<TimeInForce> timesInForce) {

    Acceptance {
        orderTypes = Set.copyOf(orderTypes);
        timesInForce = Set.copyOf(timesInForce);
    }

    /** From {@code trading.hours}, {@code order.types} and {@code time.in.force}; names the bad key when invalid. */
    static Acceptance of(String hours, String orderTypes, String timesInForce) {
        Optional<TradingHours> session;
        try {
            session = hours == null || hours.isBlank() ? Optional.empty() : Optional.of(TradingHours.parse(hours));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trading.hours: " + e.getMessage(), e);
        }
        return new Acceptance(session, parse("order.types", orderTypes, OrderType.class),
                parse("time.in.force", timesInForce, TimeInForce.class));
    }

    private static <E extends Enum<E>> Set<E> parse(String key, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return EnumSet.allOf(type);
        }
        Set<E> values = EnumSet.noneOf(type);
        for (String item : text.split("[,\\s]+")) {
            if (item.isEmpty()) {
                continue;
            }
            try {
                values.add(Enum.valueOf(type, item.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": '" + item + "' is not one of "
                        + Arrays.toString(type.getEnumConstants()), e);
            }
        }
        return values;
    }

    /** {@code, hours MON-FRI 09:30-16:00 America/New_York, types [LIMIT]} or nothing when it takes everything. */
    String describe() {
        StringBuilder b = new StringBuilder();
        hours.ifPresent(h -> b.append(", hours ").append(h));
        if (orderTypes.size() < OrderType.values().length) {
            b.append(", types ").append(EnumSet.copyOf(orderTypes));
        }
        if (timesInForce.size() < TimeInForce.values().length) {
            b.append(", TIF ").append(EnumSet.copyOf(timesInForce));
        }
        return b.toString();
    }
}
