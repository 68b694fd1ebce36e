package org.nautilus.research.internal.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.store.Fundamental;

/**
 * Reads fundamentals from a CSV file with a header row, one published figure per row, restatements as further
 * rows:
 *
 * <pre>
 * instrument,period_end,published,field,value
 * ACME,2013-03-31,2013-04-25T21:05:00Z,eps,1.23
 * ACME,2013-03-31,2013-07-30,eps,1.19
 * </pre>
 *
 * Columns are found by name, in any order and case; {@code instrument} (or {@code symbol}) may be left out when
 * the caller says whose file it is. {@code published} is an instant, a UTC date-time or a date (its midnight UTC).
 * Any problem is reported with its line, and nothing of the file is returned.
 */
public final class FundamentalsCsvReader {

    private FundamentalsCsvReader() {
    }

    /**
     * @param instrument whose figures they are when the file has no instrument column, else {@code null}
     */
    public static List<Fundamental> read(Path file, InstrumentId instrument) throws BarFileException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), instrument);
        } catch (NoSuchFileException e) {
            throw new BarFileException(file + ": no such file");
        } catch (IOException e) {
            throw new BarFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static List<Fundamental> read(Reader reader, String source, InstrumentId instrument)
            throws BarFileException {
        List<Fundamental> rows = new ArrayList<>();
        int[][] columns = new int[1][]; // instrument, period_end, published, field, value
        boolean header = CsvRows.read(reader, source, new CsvRows.Handler() {
            @Override
            public void header(String[] fields, int line) throws BarFileException {
                columns[0] = FundamentalsCsvReader.header(fields, source + ":" + line + ": ", instrument);
            }

            @Override
            public void row(String[] fields, int line) throws BarFileException {
                rows.add(parse(fields, columns[0], instrument, source + ":" + line + ": "));
            }
        });
        if (!header) {
            throw new BarFileException(
                    source + ": empty, expected a header such as instrument,period_end,published,field,value");
        }
        return rows;
    }

    private static Fundamental parse(String[] fields, int[] columns, InstrumentId instrument, String where)
            throws BarFileException {
        int width = 1 + Arrays.stream(columns).max().orElse(0);
        if (fields.length < width) {
            throw new BarFileException(where + "expected " + width + " fields, got " + fields.length);
        }
        try {
            InstrumentId id = columns[0] < 0 ? instrument : InstrumentId.of(fields[columns[0]].strip());
            LocalDate periodEnd = LocalDate.parse(fields[columns[1]].strip());
            Instant published = CsvBarReader.instant(fields[columns[2]].strip());
            double value = Double.parseDouble(fields[columns[4]].strip());
            return new Fundamental(id, fields[columns[3]].strip(), periodEnd, published, value);
        } catch (DateTimeParseException e) {
            throw new BarFileException(where + "not a date or time: '" + e.getParsedString() + "'", e);
        } catch (IllegalArgumentException e) {
            throw new BarFileException(where + e.getMessage(), e);
        }
    }

    private static int[] header(String[] header, String where, InstrumentId instrument) throws BarFileException {
        List<String> names = new ArrayList<>();
        for (String name : header) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        int id = names.contains("instrument") ? names.indexOf("instrument") : names.indexOf("symbol");
        int[] columns = {id, names.indexOf("period_end"), names.indexOf("published"), names.indexOf("field"),
                names.indexOf("value")};
        if (columns[1] < 0 || columns[2] < 0 || columns[3] < 0 || columns[4] < 0) {
            throw new BarFileException(where + "header " + names
                    + " lacks period_end, published, field or value (expected instrument,period_end,published,field,value)");
        }
        if (id < 0 && instrument == null) {
            throw new BarFileException(where + "no instrument column: say whose figures these are");
        }
        return columns;
    }

}
