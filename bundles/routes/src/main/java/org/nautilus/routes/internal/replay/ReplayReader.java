package org.nautilus.routes.internal.replay;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.DeserializationException;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.routes.internal.component.MarketDataMessages;

/**
 * Reads the quotes, trades and bars of a market data file one at a time, in file order, without loading it all
 * (except a {@code bars-json} document, which is one JSON value). Prices and sizes are read as exact decimals;
 * a value with more than 8 decimals is an error for its line.
 *
 * <p>{@link #next()} returns {@code null} at the end; a line that cannot be read throws a
 * {@link ReplayException} naming the file and line, and the next call goes on with the following line.
 */
public final class ReplayReader implements Closeable {

    private static final Pattern INTERVAL_IN_NAME = Pattern.compile("[_-](P(?:T)?\\d+[SMHD])\\b",
            Pattern.CASE_INSENSITIVE);

    private final String file;
    private final ReplayFormat format;
    private final InstrumentId symbol;
    private final Duration interval;
    private final BufferedReader reader;
    private final Deque<Object> pending = new ArrayDeque<>();
    private Map<String, Integer> columns;
    private long line;
    private boolean documentRead;

    /**
     * @param file     the file's name, for messages
     * @param reader   its content
     * @param format   how to read it
     * @param symbol   the instrument of rows that do not name one ({@code null}: every row must)
     * @param interval the interval of bars ({@code null}: from the file name, e.g. {@code PT5M}, else one day)
     */
    public ReplayReader(String file, Reader reader, ReplayFormat format, InstrumentId symbol, Duration interval) {
        this.file = Objects.requireNonNull(file, "file");
        this.reader = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.format = Objects.requireNonNull(format, "format");
        this.symbol = symbol;
        this.interval = interval;
    }

    /** The next event (a {@link Quote}, {@link Trade} or {@link Bar}), or {@code null} at the end of the file. */
    public Object next() throws IOException {
        if (format == ReplayFormat.BARS_JSON) {
            if (!documentRead) {
                documentRead = true;
                readDocument();
            }
            return pending.poll();
        }
        String text;
        while ((text = reader.readLine()) != null) {
            line++;
            String row = text.strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            try {
                switch (format) {
                    case TRADES_CSV, BARS_CSV -> {
                        if (columns == null) {
                            columns = header(row);
                            continue;
                        }
                        return format == ReplayFormat.TRADES_CSV ? tradeRow(row) : barRow(row);
                    }
                    case JSON_LINES -> {
                        return jsonEvent((JsonObject) Jsoner.deserialize(row));
                    }
                    default -> {
                        return MarketDataMessages.toEvents(row, Clock.systemUTC()).get(0);
                    }
                }
            } catch (DeserializationException | ClassCastException | IllegalArgumentException
                    | ArithmeticException | NullPointerException e) {
                throw new ReplayException(file, line, reason(e), e);
            }
        }
        return null;
    }

    /** The line last read (1-based). */
    public long line() {
        return line;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private Map<String, Integer> header(String row) {
        Map<String, Integer> names = new HashMap<>();
        String[] cells = row.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            names.put(cells[i].strip().toLowerCase(Locale.ROOT).replace("\"", ""), i);
        }
        if (format == ReplayFormat.TRADES_CSV) {
            require(names, "time", "timestamp", "time", "date", "datetime");
            require(names, "price", "price");
            require(names, "size", "amount", "size", "quantity", "qty", "volume");
        } else {
            require(names, "time", "date", "timestamp", "time", "datetime", "start");
            for (String c : new String[] {"open", "high", "low", "close", "volume"}) {
                require(names, c, c);
            }
        }
        return names;
    }

    private void require(Map<String, Integer> names, String role, String... candidates) {
        for (String c : candidates) {
            Integer index = names.get(c);
            if (index != null) {
                names.put("@" + role, index);
                return;
            }
        }
        throw new ReplayException(file, line, "the header has no " + String.join("/", candidates) + " column", null);
    }

    private Trade tradeRow(String row) {
        String[] cells = row.split(",", -1);
        return new Trade(instrument(cells), Price.of(cell(cells, "@price")), Quantity.of(cell(cells, "@size")),
                Values.instant(cell(cells, "@time")));
    }

    private Bar barRow(String row) {
        String[] cells = row.split(",", -1);
        Instant start = Values.instant(cell(cells, "@time"));
        return new Bar(instrument(cells), start, start.plus(interval()), Price.of(cell(cells, "@open")),
                Price.of(cell(cells, "@high")), Price.of(cell(cells, "@low")), Price.of(cell(cells, "@close")),
                Quantity.of(cell(cells, "@volume")));
    }

    private InstrumentId instrument(String[] cells) {
        Integer index = columns.get("symbol");
        if (index != null && index < cells.length && !cells[index].isBlank()) {
            return InstrumentId.of(cells[index].strip());
        }
        if (symbol == null) {
            throw new IllegalArgumentException("the row names no symbol: set symbol= on the replay");
        }
        return symbol;
    }

    private String cell(String[] cells, String role) {
        int index = columns.get(role);
        if (index >= cells.length) {
            throw new IllegalArgumentException("the row has " + cells.length + " columns, the header more");
        }
        return cells[index].strip().replace("\"", "");
    }

    private void readDocument() throws IOException {
        Object document;
        try {
            document = Jsoner.deserialize(reader);
        } catch (DeserializationException e) {
            throw new ReplayException(file, 1, "not JSON: " + e.getMessage(), e);
        }
        if (!(document instanceof JsonObject object) || !(object.get("ohlc") instanceof JsonArray bars)) {
            throw new ReplayException(file, 1, "expected a JSON object with an 'ohlc' array of bars", null);
        }
        Duration barInterval = interval != null ? interval : intervalFromName(object.getString("name"));
        int index = 0;
        for (Object item : bars) {
            index++;
            try {
                JsonObject bar = (JsonObject) item;
                // ta4j's endTime is the last millisecond of the bar
                Instant end = Instant.ofEpochMilli(bar.getLong("endTime") + 1);
                pending.add(new Bar(instrumentOf(bar), end.minus(barInterval), end, price(bar, "openPrice"),
                        price(bar, "highPrice"), price(bar, "lowPrice"), price(bar, "closePrice"),
                        Quantity.of(bar.getBigDecimal("volume"))));
            } catch (ClassCastException | IllegalArgumentException | NullPointerException | ArithmeticException e) {
                throw new ReplayException(file, index, "bar " + index + " of 'ohlc': " + reason(e), e);
            }
        }
    }

    private Object jsonEvent(JsonObject o) {
        String type = Objects.requireNonNull(o.getString("type"), "'type' is missing").toLowerCase(Locale.ROOT);
        InstrumentId id = instrumentOf(o);
        return switch (type) {
            case "trade" -> new Trade(id, price(o, "price"), quantity(o, "size"), time(o, "timestamp"));
            case "quote" -> new Quote(id, price(o, "bid"), quantity(o, "bidSize"), price(o, "ask"),
                    quantity(o, "askSize"), time(o, "timestamp"));
            case "bar" -> {
                Instant start = time(o, "start");
                Instant end = o.get("end") != null ? time(o, "end") : start.plus(interval());
                yield new Bar(id, start, end, price(o, "open"), price(o, "high"), price(o, "low"),
                        price(o, "close"), quantity(o, "volume"));
            }
            default -> throw new IllegalArgumentException("unknown type '" + type + "': trade, quote or bar");
        };
    }

    private InstrumentId instrumentOf(JsonObject o) {
        String s = o.getString("symbol");
        if (s != null) {
            return InstrumentId.of(s);
        }
        if (symbol == null) {
            throw new IllegalArgumentException("no 'symbol': set symbol= on the replay");
        }
        return symbol;
    }

    private static Price price(JsonObject o, String key) {
        return Price.of(decimal(o, key));
    }

    private static Quantity quantity(JsonObject o, String key) {
        return Quantity.of(decimal(o, key));
    }

    private static BigDecimal decimal(JsonObject o, String key) {
        Object value = o.get(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static Instant time(JsonObject o, String key) {
        Object value = o.get(key);
        if (value == null) {
            throw new IllegalArgumentException("'" + key + "' is missing");
        }
        return Values.instant(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    private Duration interval() {
        return interval != null ? interval : Duration.ofDays(1);
    }

    private Duration intervalFromName(String name) {
        if (name != null) {
            Matcher m = INTERVAL_IN_NAME.matcher(name);
            if (m.find()) {
                return Duration.parse(m.group(1).toUpperCase(Locale.ROOT));
            }
        }
        Matcher m = INTERVAL_IN_NAME.matcher(file);
        return m.find() ? Duration.parse(m.group(1).toUpperCase(Locale.ROOT)) : Duration.ofDays(1);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
