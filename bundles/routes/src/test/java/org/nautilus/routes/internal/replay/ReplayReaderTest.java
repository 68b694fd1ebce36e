package org.nautilus.routes.internal.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Trade;

class ReplayReaderTest {

    private static final InstrumentId BTC = InstrumentId.of("BTC-USD");

    @Test
    void readsTheBitstampTradesOfTa4jExamplesExactly() throws IOException {
        List<String> errors = new ArrayList<>();
        List<Object> trades = readResource("bitstamp_trades_from_20131125_usd.csv", ReplayFormat.TRADES_CSV, BTC, null,
                errors);

        // 100,000 rows, of which 18 have an amount of 0: not trades, reported and skipped
        assertThat(trades).hasSize(99_982);
        assertThat(errors).hasSize(18).allSatisfy(e -> assertThat(e).contains("trade size must be positive"));
        assertThat(errors.get(0)).startsWith("bitstamp_trades_from_20131125_usd.csv, line 1375: ");
        assertThat(trades.get(0)).isEqualTo(new Trade(BTC, Price.of("800.01"), Quantity.of("0.1"),
                Instant.ofEpochSecond(1385337600)));
        assertThat(trades.get(trades.size() - 1)).isEqualTo(new Trade(BTC, Price.of("999"), Quantity.of("1.2926331"),
                Instant.ofEpochSecond(1385913725)));
    }

    @Test
    void readsTheAppleDailyBarsOfTa4jExamples() throws IOException {
        List<Object> bars = readResource("appleinc_bars_from_20130101_usd.csv", ReplayFormat.BARS_CSV,
                InstrumentId.of("AAPL"), null);

        assertThat(bars).hasSize(252);
        assertThat(bars.get(0)).isEqualTo(new Bar(InstrumentId.of("AAPL"), Instant.parse("2013-01-02T00:00:00Z"),
                Instant.parse("2013-01-03T00:00:00Z"), Price.of("553.82"), Price.of("555.00"), Price.of("541.63"),
                Price.of("549.03"), Quantity.of("20018500")));
    }

    @Test
    void readsTheEthFiveMinuteBarsOfTa4jExamplesWithTheIntervalFromTheirName() throws IOException {
        List<Object> bars = readResource("ETH-USD-PT5M-2023-3-13_2023-3-15.json", ReplayFormat.BARS_JSON,
                InstrumentId.of("ETH-USD"), null);

        Bar first = (Bar) bars.get(0);
        assertThat(first.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(first.end()).isEqualTo(Instant.ofEpochMilli(1678730700000L));
        assertThat(first.open()).isEqualTo(Price.of("1673.58"));
        assertThat(first.volume()).isEqualTo(Quantity.of("65.3033"));
        assertThat(bars).hasSizeGreaterThan(500);
        for (int i = 1; i < bars.size(); i++) {
            assertThat(((Bar) bars.get(i)).start()).isEqualTo(((Bar) bars.get(i - 1)).end());
        }
    }

    @Test
    void readsJsonLinesOfEachType() throws IOException {
        List<Object> events = read(
                """
                        {"type":"quote","symbol":"AAPL","bid":189.99,"bidSize":100,"ask":190.01,"askSize":200,"timestamp":"2024-03-01T14:30:00Z"}
                        {"type":"trade","symbol":"AAPL","price":"190.00","size":5,"timestamp":1709303400123}
                        {"type":"bar","symbol":"AAPL","start":"2024-03-01","open":1,"high":2,"low":0.5,"close":1.5,"volume":10}
                        """,
                ReplayFormat.JSON_LINES, null, null);

        assertThat(events.get(0)).isInstanceOf(Quote.class);
        assertThat(events.get(1)).isEqualTo(new Trade(InstrumentId.of("AAPL"), Price.of("190"), Quantity.of("5"),
                Instant.ofEpochMilli(1709303400123L)));
        assertThat(((Bar) events.get(2)).interval()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void columnsAreFoundByTheirHeaderNamesAndRowsMayNameTheirSymbol() throws IOException {
        List<Object> trades = read("""
                symbol,qty,time,price
                MSFT,3,2024-03-01T14:30:00.5Z,420.25
                """, ReplayFormat.TRADES_CSV, null, null);

        assertThat(trades).containsExactly(new Trade(InstrumentId.of("MSFT"), Price.of("420.25"), Quantity.of("3"),
                Instant.parse("2024-03-01T14:30:00.5Z")));
    }

    @Test
    void aBadLineIsReportedWithFileAndLineAndTheReplayGoesOn() throws IOException {
        ReplayReader reader = new ReplayReader("t.csv", new StringReader("""
                timestamp,price,amount
                1385337600,800.01,0.1
                1385337601,abc,0.1
                1385337602,800.123456789,0.1
                1385337603,801,0.2
                """), ReplayFormat.TRADES_CSV, BTC, null);

        assertThat(reader.next()).isInstanceOf(Trade.class);
        assertThatThrownBy(reader::next).isInstanceOf(ReplayException.class)
                .hasMessageStartingWith("t.csv, line 3: ").hasMessageContaining("not a number");
        assertThatThrownBy(reader::next).hasMessageStartingWith("t.csv, line 4: ")
                .hasMessageContaining("more than 8 decimals");
        assertThat(((Trade) reader.next()).price()).isEqualTo(Price.of("801"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void aHeaderWithoutAPriceColumnIsRefused() {
        ReplayReader reader = new ReplayReader("t.csv", new StringReader("time,size\n1,1\n"),
                ReplayFormat.TRADES_CSV, BTC, null);
        assertThatThrownBy(reader::next).hasMessageContaining("t.csv, line 1: the header has no price column");
    }

    @Test
    void timesAreReadInEveryUsualForm() {
        assertThat(Values.instant("1385337600")).isEqualTo(Instant.ofEpochSecond(1385337600));
        assertThat(Values.instant("1385337600.25")).isEqualTo(Instant.ofEpochSecond(1385337600, 250_000_000));
        assertThat(Values.instant("1385337600123")).isEqualTo(Instant.ofEpochMilli(1385337600123L));
        assertThat(Values.instant("2013-11-25")).isEqualTo(Instant.parse("2013-11-25T00:00:00Z"));
        assertThat(Values.instant("2013-11-25 10:00:00")).isEqualTo(Instant.parse("2013-11-25T10:00:00Z"));
        assertThat(Values.instant("2013-11-25T10:00:00+01:00")).isEqualTo(Instant.parse("2013-11-25T09:00:00Z"));
        assertThatThrownBy(() -> Values.instant("yesterday")).hasMessageContaining("not a time");
    }

    @Test
    void formatsHaveReadableNames() {
        assertThat(ReplayFormat.parse("trades-csv")).isEqualTo(ReplayFormat.TRADES_CSV);
        assertThat(ReplayFormat.parse("jsonl")).isEqualTo(ReplayFormat.JSON_LINES);
        assertThatThrownBy(() -> ReplayFormat.parse("xls")).hasMessageContaining("use trades-csv");
    }

    private static List<Object> read(String text, ReplayFormat format, InstrumentId symbol, Duration interval)
            throws IOException {
        return drain(new ReplayReader("test", new StringReader(text), format, symbol, interval));
    }

    private static List<Object> readResource(String name, ReplayFormat format, InstrumentId symbol,
            Duration interval) throws IOException {
        List<String> errors = new ArrayList<>();
        List<Object> events = readResource(name, format, symbol, interval, errors);
        assertThat(errors).isEmpty();
        return events;
    }

    private static List<Object> readResource(String name, ReplayFormat format, InstrumentId symbol,
            Duration interval, List<String> errors) throws IOException {
        var stream = ReplayReaderTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(stream).as(name + " from ta4j-examples").isNotNull();
        return drain(new ReplayReader(name, new InputStreamReader(stream, StandardCharsets.UTF_8), format, symbol,
                interval), errors);
    }

    private static List<Object> drain(ReplayReader reader) throws IOException {
        List<String> errors = new ArrayList<>();
        List<Object> events = drain(reader, errors);
        assertThat(errors).isEmpty();
        return events;
    }

    private static List<Object> drain(ReplayReader reader, List<String> errors) throws IOException {
        List<Object> events = new ArrayList<>();
        try (reader) {
            while (true) {
                try {
                    Object e = reader.next();
                    if (e == null) {
                        return events;
                    }
                    events.add(e);
                } catch (ReplayException e) {
                    errors.add(e.getMessage());
                }
            }
        }
    }
}
