package org.nautilus.research.internal.data;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.BarFormat;
import org.nautilus.api.research.data.BarRow;

/**
 * Reads bar files row by row as they are, without validating the bars (that is the checks' work): CSV with the
 * header {@link CsvBarReader} reads (line numbers are the file's), JSON lines and Parquet through an in-memory
 * DuckDB (the location is the row's number among the file's objects or rows; blank lines are not counted).
 */
public final class BarRowReader {

    private BarRowReader() {
    }

    /** @throws BarFileException if the file is missing or a row cannot be read (with its place) */
    public static List<BarRow> read(Path file, BarFormat format, InstrumentId instrument) throws BarFileException {
        if (!Files.isReadable(file)) {
            throw new BarFileException(file + ": no such file, or it cannot be read");
        }
        if (format == BarFormat.CSV) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                return readCsv(in, file.getFileName().toString(), instrument);
            } catch (NoSuchFileException e) {
                throw new BarFileException(file + ": no such file");
            } catch (IOException e) {
                throw new BarFileException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return readWithDuckDb(file, format, instrument);
    }

    /** CSV rows; {@code source} names them in locations. */
    public static List<BarRow> readCsv(Reader reader, String source, InstrumentId instrument) throws BarFileException {
        List<BarRow> rows = new ArrayList<>();
        CsvBarReader.Columns[] columns = new CsvBarReader.Columns[1];
        boolean header = CsvRows.read(reader, source, new CsvRows.Handler() {
            @Override
            public void header(String[] fields, int line) throws BarFileException {
                columns[0] = CsvBarReader.Columns.of(fields, source, line);
            }

            @Override
            public void row(String[] fields, int line) throws BarFileException {
                CsvBarReader.Columns c = columns[0];
                String where = source + ":" + line;
                if (fields.length < c.width()) {
                    throw new BarFileException(where + ": expected " + c.width() + " fields, got " + fields.length);
                }
                String volume = c.volume() < 0 || fields[c.volume()].isBlank() ? "0" : fields[c.volume()];
                rows.add(new BarRow(instrument, time(fields[c.time()].strip(), where),
                        number(fields[c.open()], "open", where),
                        number(fields[c.high()], "high", where), number(fields[c.low()], "low", where),
                        number(fields[c.close()], "close", where), number(volume, "volume", where), where));
            }
        });
        if (!header) {
            throw new BarFileException(source + ": empty, expected a header such as date,open,high,low,close,volume");
        }
        return rows;
    }

    private static List<BarRow> readWithDuckDb(Path file, BarFormat format, InstrumentId instrument)
            throws BarFileException {
        String name = file.getFileName().toString();
        String path = file.toAbsolutePath().toString().replace("'", "''");
        String table = format == BarFormat.PARQUET ? "read_parquet('" + path + "')"
                : "read_json('" + path + "', format = 'newline_delimited')";
        List<BarRow> rows = new ArrayList<>();
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM " + table)) {
            int[] c = columns(result.getMetaData(), name);
            int row = 0;
            while (result.next()) {
                row++;
                String where = format == BarFormat.PARQUET ? name + ":row " + row : name + ":" + row;
                Object volume = c[5] < 0 ? null : result.getObject(c[5]);
                rows.add(new BarRow(instrument, time(result.getObject(c[0]), where),
                        number(result.getObject(c[1]), "open", where), number(result.getObject(c[2]), "high", where),
                        number(result.getObject(c[3]), "low", where), number(result.getObject(c[4]), "close", where),
                        volume == null ? BigDecimal.ZERO : number(volume, "volume", where), where));
            }
        } catch (SQLException e) {
            throw new BarFileException(
                    name + ": cannot read as " + format.name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + ": " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        return rows;
    }

    /** Column indexes of time, open, high, low, close, volume (-1 if absent) by name, any case. */
    private static int[] columns(ResultSetMetaData meta, String name) throws SQLException, BarFileException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
        }
        int time = -1;
        for (String candidate : List.of("date", "time", "timestamp", "datetime")) {
            if (names.contains(candidate)) {
                time = names.indexOf(candidate) + 1;
                break;
            }
        }
        int[] c = {time, names.indexOf("open") + 1, names.indexOf("high") + 1, names.indexOf("low") + 1,
                names.indexOf("close") + 1, names.indexOf("volume") + 1};
        for (int i = 0; i < 5; i++) {
            if (c[i] <= 0) {
                throw new BarFileException(name + ": columns " + names
                        + " lack a date, open, high, low or close column (expected e.g. date,open,high,low,close,volume)");
            }
        }
        if (c[5] == 0) {
            c[5] = -1;
        }
        return c;
    }

    static Instant time(Object value, String where) throws BarFileException {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (value instanceof Date d) {
            return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value == null) {
            throw new BarFileException(where + ": no time");
        }
        try {
            return CsvBarReader.instant(value.toString().strip());
        } catch (DateTimeParseException e) {
            throw new BarFileException(where + ": not a date or time: '" + value + "'", e);
        }
    }

    private static BigDecimal number(Object value, String column, String where) throws BarFileException {
        if (value == null) {
            throw new BarFileException(where + ": no " + column);
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new BarFileException(where + ": " + column + " is " + d);
            }
            // the shortest decimal that reads back as this double: what the file's text most likely was
            return BigDecimal.valueOf(d);
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            throw new BarFileException(where + ": " + column + " '" + value + "' is not a number");
        }
    }
}
