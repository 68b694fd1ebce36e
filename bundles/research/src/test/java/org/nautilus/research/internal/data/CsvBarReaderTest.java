package org.nautilus.research.internal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.research.internal.support.Bars;

class CsvBarReaderTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void readsTheTa4jAppleSample() {
        List<Bar> bars = Bars.apple();
        assertThat(bars).hasSize(252);
        Bar first = bars.get(0);
        // 2013-01-02,553.82,555.00,541.63,549.03,20018500
        assertThat(first.instrumentId()).isEqualTo(AAPL);
        assertThat(first.start()).isEqualTo(Instant.parse("2013-01-02T00:00:00Z"));
        assertThat(first.end()).isEqualTo(Instant.parse("2013-01-03T00:00:00Z"));
        assertThat(first.open()).isEqualTo(Price.of("553.82"));
        assertThat(first.high()).isEqualTo(Price.of("555"));
        assertThat(first.low()).isEqualTo(Price.of("541.63"));
        assertThat(first.close()).isEqualTo(Price.of("549.03"));
        assertThat(first.volume()).isEqualTo(Quantity.ofWhole(20_018_500));
        // 2013-12-31,554.17,561.28,554.00,561.02,7967300
        assertThat(bars.get(251).start()).isEqualTo(Instant.parse("2013-12-31T00:00:00Z"));
        assertThat(bars.get(251).close()).isEqualTo(Price.of("561.02"));
    }

    @Test
    void columnsByNameInAnyOrderWithDateTimesAndNoVolume() throws Exception {
        String csv = "\uFEFFClose,Timestamp,Low,High,Open\n"
                + "10.5,2024-01-02T14:30:00Z,10,11,10.2\n"
                + "\n"
                + "10.7,2024-01-02 14:31:00,10.4,10.8,10.5\n";
        List<Bar> bars = CsvBarReader.read(new StringReader(csv), "minute.csv", AAPL, Duration.ofMinutes(1));
        assertThat(bars).hasSize(2);
        assertThat(bars.get(0).open()).isEqualTo(Price.of("10.2"));
        assertThat(bars.get(0).close()).isEqualTo(Price.of("10.5"));
        assertThat(bars.get(0).volume()).isEqualTo(Quantity.ZERO);
        assertThat(bars.get(1).start()).isEqualTo(Instant.parse("2024-01-02T14:31:00Z"));
        assertThat(bars.get(1).end()).isEqualTo(Instant.parse("2024-01-02T14:32:00Z"));
    }

    @Test
    void badRowsAreReportedWithTheirLine() {
        String header = "date,open,high,low,close,volume\n";
        assertThatThrownBy(() -> read(header + "2013-01-02,1,2,1,1.5,10\n2013-01-03,1,x,1,1,10\n"))
                .isInstanceOf(BarFileException.class).hasMessage("a.csv:3: not a number: 'x'");
        assertThatThrownBy(() -> read(header + "2013-01-02,1,0.5,1,1,10\n"))
                .hasMessageStartingWith("a.csv:2: AAPL: inconsistent bar");
        assertThatThrownBy(() -> read(header + "02/01/2013,1,2,1,1,10\n"))
                .hasMessage("a.csv:2: not a date or time: '02/01/2013'");
        assertThatThrownBy(() -> read(header + "2013-01-02,1,2,1\n"))
                .hasMessage("a.csv:2: expected 6 fields, got 4");
        assertThatThrownBy(() -> read(header + "2013-01-03,1,2,1,1,1\n2013-01-02,1,2,1,1,1\n"))
                .hasMessageStartingWith("a.csv:3: 2013-01-02T00:00:00Z is not after the previous row's");
        assertThatThrownBy(() -> read("day,open,high,low,close\n"))
                .hasMessageContaining("a.csv:1: header [day, open, high, low, close] lacks a date");
        assertThatThrownBy(() -> read("")).hasMessageContaining("a.csv: empty");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> CsvBarReader.read(missing, AAPL, DAY)).hasMessage(missing + ": no such file");
        Path file = dir.resolve("ok.csv");
        Files.writeString(file, "date,open,high,low,close,volume\n2013-01-02,1,2,1,1.5,10\n");
        assertThat(CsvBarReader.read(file, AAPL, DAY)).hasSize(1);
    }

    private static List<Bar> read(String csv) throws BarFileException {
        return CsvBarReader.read(new StringReader(csv), "a.csv", AAPL, DAY);
    }
}
