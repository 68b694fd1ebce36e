package org.nautilus.research.internal.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.research.data.NewsItem;

/**
 * Reads news items from JSON lines through an in-memory DuckDB: {@code time}, {@code instruments} (a list) or
 * {@code instrument} (one), {@code source}, {@code text}. A row's location is its number among the file's objects.
 * Any problem is reported with its place, and nothing of the file is returned.
 */
public final class NewsJsonReader {

    private NewsJsonReader() {
    }

    public static List<NewsItem> read(Path file) throws BarFileException {
        if (!Files.isReadable(file)) {
            throw new BarFileException(file + ": no such file, or it cannot be read");
        }
        String name = file.getFileName().toString();
        String path = file.toAbsolutePath().toString().replace("'", "''");
        List<NewsItem> items = new ArrayList<>();
        try (Connection connection = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM read_json('" + path
                        + "', format = 'newline_delimited')")) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                columns.add(result.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT));
            }
            int time = columns.indexOf("time") + 1;
            int many = columns.indexOf("instruments") + 1;
            int one = columns.indexOf("instrument") + 1;
            int source = columns.indexOf("source") + 1;
            int text = columns.indexOf("text") + 1;
            if (time == 0 || (many == 0 && one == 0) || source == 0 || text == 0) {
                throw new BarFileException(name + ": fields " + columns
                        + " lack time, instruments (or instrument), source or text");
            }
            int row = 0;
            while (result.next()) {
                row++;
                String where = name + ":" + row;
                List<InstrumentId> instruments = new ArrayList<>();
                if (many > 0 && result.getObject(many) instanceof Array array) {
                    for (Object symbol : (Object[]) array.getArray()) {
                        instruments.add(InstrumentId.of(symbol.toString()));
                    }
                }
                if (one > 0 && result.getString(one) != null) {
                    instruments.add(InstrumentId.of(result.getString(one)));
                }
                String sourceText = result.getString(source);
                String body = result.getString(text);
                if (sourceText == null || body == null) {
                    throw new BarFileException(where + ": no " + (sourceText == null ? "source" : "text"));
                }
                try {
                    items.add(new NewsItem(BarRowReader.time(result.getObject(time), where), instruments, sourceText,
                            body, where));
                } catch (IllegalArgumentException e) {
                    throw new BarFileException(e.getMessage().startsWith(where) ? e.getMessage()
                            : where + ": " + e.getMessage(), e);
                }
            }
        } catch (SQLException e) {
            throw new BarFileException(name + ": cannot read as JSON lines: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return items;
    }
}
