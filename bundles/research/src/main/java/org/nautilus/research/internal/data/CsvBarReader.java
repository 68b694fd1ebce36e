package org.nautilus.research.internal.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;

/**
 * Reads OHLCV bars from a CSV file with a header row, such as ta4j's sample
 * {@code appleinc_bars_from_20130101_usd.csv}:
 *
 * <pre>
 * date,open,high,low,close,volume
 * 2013-01-02,553.82,555.00,541.63,549.03,20018500
 * </pre>
 *
 * <p>Columns are found by name (any order, any case): {@code date} (or {@code time}, {@code timestamp},
 * {@code datetime}), {@code open}, {@code high}, {@code low}, {@code close}, and optionally {@code volume}. The
 * time is the bar's start: a date ({@code 2013-01-02}, midnight UTC), a UTC date-time
 * ({@code 2013-01-02T14:30:00} or {@code 2013-01-02 14:30:00}) or an instant ({@code 2013-01-02T14:30:00Z}).
 * Rows must be oldest first. Prices and volumes are exact decimals. Any problem is reported with its line.
 */
public final class CsvBarReader {

    private static final List<String> TIME_COLUMNS = List.of("date", "time", "timestamp", "datetime");

    private CsvBarReader() {
    }

    /**
     * Reads a file.
     *
     * @throws BarFileException if it does not exist, cannot be read, or has a bad row
     */
    public static List<Bar> read(Path file, InstrumentId instrument, Duration interval) throws BarFileException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), instrument, interval);
        } catch (NoSuchFileException e) {
            throw new BarFileException(file + ": no such file");
        } catch (IOException e) {
            throw new BarFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads bars of {@code interval} for {@code instrument}.
     *
     * @param source the name used in error messages, e.g. the file name
     * @throws BarFileException if the text has no usable header or a bad row
     */
    public static List<Bar> read(Reader reader, String source, InstrumentId instrument, Duration interval)
            throws BarFileException {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bar interval must be positive, got " + interval);
        }
        List<Bar> bars = new ArrayList<>();
        Columns[] columns = new Columns[1];
        boolean header = CsvRows.read(reader, source, new CsvRows.Handler() {
            @Override
            public void header(String[] fields, int line) throws BarFileException {
                columns[0] = Columns.of(fields, source, line);
            }

            @Override
            public void row(String[] fields, int line) throws BarFileException {
                Bar bar = parse(fields, columns[0], instrument, interval, source, line);
                if (!bars.isEmpty() && !bar.start().isAfter(bars.get(bars.size() - 1).start())) {
                    throw new BarFileException(
                            source + ":" + line + ": " + bar.start() + " is not after the previous row's "
                                    + bars.get(bars.size() - 1).start() + " (rows must be oldest first, one per time)");
                }
                bars.add(bar);
            }
        });
        if (!header) {
            throw new BarFileException(source + ": empty, expected a header such as date,open,high,low,close,volume");
        }
        return bars;
    }

    private static Bar parse(String[] fields, Columns columns, InstrumentId instrument, Duration interval,
            String source, int line) throws BarFileException {
        String where = source + ":" + line + ": ";
        if (fields.length < columns.width) {
            throw new BarFileException(where + "expected " + columns.width + " fields, got " + fields.length);
        }
        Instant start = time(fields[columns.time].strip(), where);
        try {
            Price open = Price.of(fields[columns.open]);
            Price high = Price.of(fields[columns.high]);
            Price low = Price.of(fields[columns.low]);
            Price close = Price.of(fields[columns.close]);
            Quantity volume = columns.volume < 0 || fields[columns.volume].isBlank()
                    ? Quantity.ZERO
                    : Quantity.of(fields[columns.volume]);
            return new Bar(instrument, start, start.plus(interval), open, high, low, close, volume);
        } catch (IllegalArgumentException e) {
            throw new BarFileException(where + e.getMessage(), e);
        }
    }

    private static Instant time(String text, String where) throws BarFileException {
        try {
            return instant(text);
        } catch (DateTimeParseException e) {
            throw new BarFileException(where + "not a date or time: '" + text + "'", e);
        }
    }

    /**
     * A date (its midnight UTC), a UTC date-time ({@code T} or a space between) or an instant with an offset: the
     * times the project's CSV files carry.
     */
    static Instant instant(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        String iso = text.replace(' ', 'T');
        if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
            return OffsetDateTime.parse(iso).toInstant();
        }
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }

    /** Where each column is, from the header row. */
    record Columns(int time, int open, int high, int low, int close, int volume, int width) {

        static Columns of(String[] header, String source, int line) throws BarFileException {
            List<String> names = new ArrayList<>();
            for (String name : header) {
                names.add(name.strip().toLowerCase(Locale.ROOT));
            }
            int time = -1;
            for (String candidate : TIME_COLUMNS) {
                if (names.contains(candidate)) {
                    time = names.indexOf(candidate);
                    break;
                }
            }
            int open = names.indexOf("open");
            int high = names.indexOf("high");
            int low = names.indexOf("low");
            int close = names.indexOf("close");
            int volume = names.indexOf("volume");
            if (time < 0 || open < 0 || high < 0 || low < 0 || close < 0) {
                throw new BarFileException(source + ":" + line + ": header " + names
                        + " lacks a date, open, high, low or close column (expected e.g. date,open,high,low,close,volume)");
            }
            int width = 1 + Math.max(Math.max(Math.max(time, open), Math.max(high, low)), Math.max(close, volume));
            return new Columns(time, open, high, low, close, volume, width);
        }
    }
}
