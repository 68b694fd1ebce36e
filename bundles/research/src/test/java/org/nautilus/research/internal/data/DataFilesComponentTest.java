package org.nautilus.research.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.research.data.BarFormat;
import org.nautilus.api.research.data.BarRow;
import org.nautilus.api.research.data.CheckRules;
import org.nautilus.api.research.data.DataIssue;
import org.nautilus.api.research.data.LoadedBars;
import org.nautilus.api.research.data.NewsItem;

class DataFilesComponentTest {

    private static final InstrumentId ACME = InstrumentId.of("ACME");
    private static final CheckRules DAILY = CheckRules.of(Duration.ofDays(1));
    private static final String CSV = """
            date,open,high,low,close,volume
            2025-01-06,10,11,9,10.5,100
            2025-01-07,10.5,11,10,10.8,200
            2025-01-07,10.5,11,10,10.9,100
            2025-01-08,10.8,11.2,10.6,11,300
            """;

    private final DataFilesComponent data = new DataFilesComponent();

    @Test
    void csvJsonLinesAndParquetGiveTheSameRows(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("acme.csv"), CSV);
        Path jsonl = Files.writeString(dir.resolve("acme.jsonl"), """
                {"date":"2025-01-06","open":10,"high":11,"low":9,"close":10.5,"volume":100}
                {"date":"2025-01-07","open":10.5,"high":11,"low":10,"close":10.8,"volume":200}
                {"date":"2025-01-07","open":10.5,"high":11,"low":10,"close":10.9,"volume":100}
                {"date":"2025-01-08","open":10.8,"high":11.2,"low":10.6,"close":11,"volume":300}
                """);
        Path parquet = dir.resolve("acme.parquet");
        try (Connection c = new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT CAST(date AS DATE) AS date, CAST(open AS DECIMAL(18,8)) AS open,"
                    + " CAST(high AS DECIMAL(18,8)) AS high, CAST(low AS DECIMAL(18,8)) AS low,"
                    + " CAST(close AS DECIMAL(18,8)) AS close, volume FROM read_csv('" + csv + "'))"
                    + " TO '" + parquet + "' (FORMAT parquet)");
        }
        List<BarRow> fromCsv = data.read(csv, BarFormat.guess("acme.csv"), ACME);
        List<BarRow> fromJson = data.read(jsonl, BarFormat.guess("acme.jsonl"), ACME);
        List<BarRow> fromParquet = data.read(parquet, BarFormat.guess("acme.parquet"), ACME);
        assertThat(fromCsv).hasSize(4);
        assertThat(fromCsv.get(2).location()).isEqualTo("acme.csv:4");
        assertThat(fromJson.get(2).location()).isEqualTo("acme.jsonl:3");
        assertThat(fromParquet.get(2).location()).isEqualTo("acme.parquet:row 3");
        for (List<BarRow> other : List.of(fromJson, fromParquet)) {
            for (int i = 0; i < 4; i++) {
                BarRow a = fromCsv.get(i);
                BarRow b = other.get(i);
                assertThat(b.start()).isEqualTo(a.start());
                assertThat(b.open()).isEqualByComparingTo(a.open());
                assertThat(b.high()).isEqualByComparingTo(a.high());
                assertThat(b.low()).isEqualByComparingTo(a.low());
                assertThat(b.close()).isEqualByComparingTo(a.close());
                assertThat(b.volume()).isEqualByComparingTo(a.volume());
            }
        }
    }

    @Test
    void aLoadRefusesRowsThatCannotBeBarsUnlessToldToSkipAndCountThem(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("acme.csv"), CSV);
        assertThatThrownBy(() -> data.load(csv, BarFormat.CSV, ACME, DAILY, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("acme.csv: 4 rows, 1 issues (DUPLICATE 1); nothing loaded (rows that cannot be bars: "
                        + "acme.csv:4: DUPLICATE start 2025-01-07T00:00:00Z also at acme.csv:3 (different values: "
                        + "close 10.8 there, 10.9 here))");
        LoadedBars loaded = data.load(csv, BarFormat.CSV, ACME, DAILY, true);
        assertThat(loaded.skipped()).isEqualTo(1);
        assertThat(loaded.report().issues()).extracting(DataIssue::location).containsExactly("acme.csv:4");
        assertThat(loaded.bars()).hasSize(3);
        assertThat(loaded.bars().get(1).close()).isEqualTo(Price.of("10.8"));
        assertThat(loaded.bars().get(1).volume()).isEqualTo(Quantity.ofWhole(200));
        assertThat(loaded.bars().get(2).start()).isEqualTo(Instant.parse("2025-01-08T00:00:00Z"));
        assertThat(loaded.bars().get(2).end()).isEqualTo(Instant.parse("2025-01-09T00:00:00Z"));
    }

    @Test
    void unreadableInputIsASpecificError(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> data.read(dir.resolve("none.csv"), BarFormat.CSV, ACME))
                .hasMessageEndingWith("none.csv: no such file, or it cannot be read");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "date,open,high,low,close\n2025-01-06,10,11,x,10\n");
        assertThatThrownBy(() -> data.read(bad, BarFormat.CSV, ACME)).hasMessage("bad.csv:2: low 'x' is not a number");
        Path noClose = Files.writeString(dir.resolve("bars.jsonl"),
                "{\"date\":\"2025-01-06\",\"open\":1,\"high\":1,\"low\":1}\n");
        assertThatThrownBy(() -> data.read(noClose, BarFormat.JSON_LINES, ACME))
                .hasMessageStartingWith(
                        "bars.jsonl: columns [date, open, high, low] lack a date, open, high, low or close column");
    }

    @Test
    void readsNewsItemsFromJsonLines(@TempDir Path dir) throws Exception {
        Path news = Files.writeString(dir.resolve("news.jsonl"),
                """
                        {"time":"2025-01-06T14:05:00Z","instruments":["ACME","OTHER"],"source":"wire","text":"ACME beats estimates"}
                        {"time":"2025-01-07T09:00:00Z","instrument":"ACME","source":"blog","text":"ACME recall"}
                        """);
        List<NewsItem> items = data.readNews(news);
        assertThat(items).hasSize(2);
        assertThat(items.get(0).time()).isEqualTo(Instant.parse("2025-01-06T14:05:00Z"));
        assertThat(items.get(0).instruments()).containsExactly(ACME, InstrumentId.of("OTHER"));
        assertThat(items.get(1).instruments()).containsExactly(ACME);
        assertThat(items.get(1).text()).isEqualTo("ACME recall");
        assertThat(items.get(1).location()).isEqualTo("news.jsonl:2");
        Path none = Files.writeString(dir.resolve("bad.jsonl"),
                "{\"time\":\"2025-01-06T14:05:00Z\",\"source\":\"w\",\"text\":\"x\"}\n");
        assertThatThrownBy(() -> data.readNews(none))
                .hasMessageStartingWith("bad.jsonl: fields [time, source, text] lack");
    }
}
