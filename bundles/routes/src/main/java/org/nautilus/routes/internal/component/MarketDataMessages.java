package org.nautilus.routes.internal.component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;

/**
 * Converts message bodies into quotes and trades for {@code nautilus:marketdata}:
 * <ul>
 *   <li>a {@link Quote}, {@link Trade} or {@link Bar} (or an {@link EndOfStream}), or a collection / array of
 *       them;</li>
 *   <li>a {@code Map} with {@code symbol} and either {@code bid}, {@code ask} (optional {@code bidSize},
 *       {@code askSize}) or {@code price}, {@code size}; optional {@code timestamp};</li>
 *   <li>text, one event per line: {@code Q,SYMBOL,BID,BIDSIZE,ASK,ASKSIZE[,TIMESTAMP]} or
 *       {@code T,SYMBOL,PRICE,SIZE[,TIMESTAMP]}; blank lines and lines starting with {@code #} are skipped.</li>
 * </ul>
 * A timestamp is ISO-8601 ({@code 2024-03-01T14:30:00Z}) or epoch milliseconds; without one, the clock's time.
 * Anything else fails with a message saying what was expected.
 */
public final class MarketDataMessages {

    private static final Quantity ONE = Quantity.ofWhole(1);

    private MarketDataMessages() {
    }

    public static List<Object> toEvents(Object body, Clock clock) {
        List<Object> events = new ArrayList<>();
        collect(body, clock, events);
        return events;
    }

    private static void collect(Object body, Clock clock, List<Object> events) {
        if (body instanceof Quote || body instanceof Trade || body instanceof Bar || body instanceof EndOfStream) {
            events.add(body);
        } else if (body instanceof Iterable<?> items) {
            for (Object item : items) {
                collect(item, clock, events);
            }
        } else if (body instanceof Object[] items) {
            for (Object item : items) {
                collect(item, clock, events);
            }
        } else if (body instanceof Map<?, ?> map) {
            events.add(fromMap(map, clock));
        } else if (body instanceof CharSequence || body instanceof byte[]) {
            String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : body.toString();
            text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(line -> events.add(fromLine(line, clock)));
        } else {
            throw new IllegalArgumentException("nautilus:marketdata cannot publish a "
                    + (body == null ? "null body" : body.getClass().getName())
                    + ": send a Quote, Trade or Bar, a Map (symbol, bid/ask or price/size) or text lines"
                    + " 'Q,SYMBOL,BID,BIDSIZE,ASK,ASKSIZE[,TIME]' / 'T,SYMBOL,PRICE,SIZE[,TIME]'");
        }
    }

    static Object fromLine(String line, Clock clock) {
        String[] f = line.split(",", -1);
        try {
            String kind = f[0].strip().toUpperCase();
            if (kind.equals("Q") && (f.length == 6 || f.length == 7)) {
                return new Quote(InstrumentId.of(f[1].strip()), Price.of(f[2]), Quantity.of(f[3]), Price.of(f[4]),
                        Quantity.of(f[5]), f.length == 7 ? timestamp(f[6]) : clock.instant());
            }
            if (kind.equals("T") && (f.length == 4 || f.length == 5)) {
                return new Trade(InstrumentId.of(f[1].strip()), Price.of(f[2]), Quantity.of(f[3]),
                        f.length == 5 ? timestamp(f[4]) : clock.instant());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad market data line '" + line + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("bad market data line '" + line
                + "': expected 'Q,SYMBOL,BID,BIDSIZE,ASK,ASKSIZE[,TIME]' or 'T,SYMBOL,PRICE,SIZE[,TIME]'");
    }

    private static Object fromMap(Map<?, ?> map, Clock clock) {
        try {
            InstrumentId id = InstrumentId.of(string(map, "symbol", true));
            Instant ts = map.get("timestamp") == null ? clock.instant() : timestamp(map.get("timestamp").toString());
            if (map.get("price") != null) {
                return new Trade(id, Price.of(string(map, "price", true)), quantity(map, "size"), ts);
            }
            if (map.get("bid") != null && map.get("ask") != null) {
                return new Quote(id, Price.of(string(map, "bid", true)), quantity(map, "bidSize"),
                        Price.of(string(map, "ask", true)), quantity(map, "askSize"), ts);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad market data " + map + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("bad market data " + map
                + ": expected keys symbol and bid/ask (quote) or price/size (trade)");
    }

    private static String string(Map<?, ?> map, String key, boolean required) {
        Object value = map.get(key);
        if (value == null && required) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value == null ? null : value.toString();
    }

    private static Quantity quantity(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? ONE : Quantity.of(value.toString());
    }

    static Instant timestamp(String text) {
        String t = text.strip();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + text + "' is neither ISO-8601 nor epoch millis", e);
        }
    }
}
