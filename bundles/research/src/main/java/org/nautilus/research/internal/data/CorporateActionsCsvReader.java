package org.nautilus.research.internal.data;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.CorporateAction;

/**
 * Reads corporate actions from a CSV file with a header, in any column order and case:
 *
 * <pre>
 * instrument,ex_date,kind,value
 * AAPL.NASDAQ,2014-06-09,split,7
 * AAPL.NASDAQ,2014-05-08,dividend,3.29
 * </pre>
 *
 * A split's value is new shares per old share; a dividend's is cash per share on its ex-date. Any problem is
 * reported with its line, and nothing of the file is returned.
 */
public final class CorporateActionsCsvReader {

    private CorporateActionsCsvReader() {
    }

    public static List<CorporateAction> read(Path file) throws BarFileException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new BarFileException(file + ": no such file");
        } catch (IOException e) {
            throw new BarFileException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    public static List<CorporateAction> read(Reader reader, String source) throws BarFileException {
        List<CorporateAction> actions = new ArrayList<>();
        int[][] columns = new int[1][];
        boolean header = CsvRows.read(reader, source, new CsvRows.Handler() {
            @Override
            public void header(String[] fields, int line) throws BarFileException {
                List<String> names = new ArrayList<>();
                for (String name : fields) {
                    names.add(name.strip().toLowerCase(Locale.ROOT));
                }
                int id = names.contains("instrument") ? names.indexOf("instrument") : names.indexOf("symbol");
                columns[0] = new int[] {id, names.indexOf("ex_date"), names.indexOf("kind"), names.indexOf("value")};
                for (int c : columns[0]) {
                    if (c < 0) {
                        throw new BarFileException(source + ":" + line + ": header " + names
                                + " lacks instrument, ex_date, kind or value (expected instrument,ex_date,kind,value)");
                    }
                }
            }

            @Override
            public void row(String[] fields, int line) throws BarFileException {
                actions.add(parse(fields, columns[0], source + ":" + line + ": "));
            }
        });
        if (!header) {
            throw new BarFileException(source + ": empty, expected a header instrument,ex_date,kind,value");
        }
        return actions;
    }

    private static CorporateAction parse(String[] fields, int[] columns, String where) throws BarFileException {
        int width = 1 + Arrays.stream(columns).max().orElse(0);
        if (fields.length < width) {
            throw new BarFileException(where + "expected " + width + " fields, got " + fields.length);
        }
        String kind = fields[columns[2]].strip().toLowerCase(Locale.ROOT);
        CorporateAction.Kind parsedKind = switch (kind) {
            case "split" -> CorporateAction.Kind.SPLIT;
            case "dividend" -> CorporateAction.Kind.DIVIDEND;
            default -> throw new BarFileException(where + "kind '" + fields[columns[2]].strip()
                    + "' is neither split nor dividend");
        };
        try {
            return new CorporateAction(InstrumentId.of(fields[columns[0]].strip()),
                    LocalDate.parse(fields[columns[1]].strip()), parsedKind,
                    new BigDecimal(fields[columns[3]].strip()));
        } catch (DateTimeParseException e) {
            throw new BarFileException(where + "ex_date '" + e.getParsedString() + "' is not a date (YYYY-MM-DD)", e);
        } catch (NumberFormatException e) {
            throw new BarFileException(where + "value '" + fields[columns[3]].strip() + "' is not a number", e);
        } catch (IllegalArgumentException e) {
            throw new BarFileException(where + e.getMessage(), e);
        }
    }
}
