package org.nautilus.research.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.research.internal.support.Bars;

class DuckDbFactorStoreTest extends StoreTestSupport {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final InstrumentId ODD = InstrumentId.of("BTC/USD:X"); // needs percent-encoding in a path
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    /** Daily bars starting 2012-12-28 (so they span two year partitions), closes 100, 101, ... */
    private static List<Bar> days(InstrumentId instrument, int n) {
        List<Bar> bars = new ArrayList<>();
        Instant start = Instant.parse("2012-12-28T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Bar minute = Bars.bar(instrument, start.plus(Duration.ofDays(i)), 100 + i);
            bars.add(new Bar(instrument, minute.start(), minute.start().plus(Duration.ofDays(1)), minute.open(),
                    minute.high(), minute.low(), minute.close(), minute.volume()));
        }
        return bars;
    }

    private static FactorSeries series(InstrumentId instrument, List<Bar> bars, double offset) {
        double[] a = new double[bars.size()];
        double[] b = new double[bars.size()];
        for (int i = 0; i < bars.size(); i++) {
            a[i] = i + offset;
            b[i] = i == 0 ? Double.NaN : -i * 0.1 - offset; // NaN: no value, as live
        }
        return new FactorSeries(instrument, DAY, bars.stream().map(Bar::end).toList(), List.of("A", "B"),
                new double[][] {a, b});
    }

    @Test
    void barsAndValuesComeBackAsWrittenAcrossPartitions() {
        List<Bar> bars = days(AAPL, 10);
        assertThat(store.replaceBars(AAPL, DAY, TimeRange.ALL, bars)).isEqualTo(10);
        assertThat(store.replaceValues(series(AAPL, bars, 0), TimeRange.ALL)).isEqualTo(19);

        assertThat(store.bars(AAPL, DAY, TimeRange.ALL)).isEqualTo(bars);
        List<FactorValue> a = store.history("A", List.of(AAPL), DAY, TimeRange.ALL, Instant.MAX);
        assertThat(a).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(a.get(i)).isEqualTo(new FactorValue("A", AAPL, i, bars.get(i).end(), DAY));
        }
        assertThat(store.history("B", List.of(AAPL), null, TimeRange.ALL, Instant.MAX)).hasSize(9);
        assertThat(store.factors()).containsExactly("A", "B");
        assertThat(store.instruments()).containsExactly(AAPL);
        assertThat(root.resolve("factors/values/instrument=AAPL/date=2012/data.parquet")).exists();
        assertThat(root.resolve("factors/values/instrument=AAPL/date=2013/data.parquet")).exists();
        // A daily bar closing at midnight is in its own day's (year's) file: the one ending 2013-01-01T00:00.
        assertThat(store.bars(AAPL, DAY, new TimeRange(Instant.parse("2013-01-01T00:00:00Z"),
                Instant.parse("2013-01-01T00:00:00Z")))).containsExactly(bars.get(3));
    }

    @Test
    void aRangeReadAndAsOfSeeOnlyWhatWasKnown() {
        List<Bar> bars = days(AAPL, 10);
        store.replaceValues(series(AAPL, bars, 0), TimeRange.ALL);
        TimeRange days = TimeRange.ofDays(LocalDate.parse("2013-01-01"), LocalDate.parse("2013-01-04"));
        // Bars of 2012-12-31 .. 2013-01-04 end inside (2013-01-01T00:00 .. 2013-01-05T00:00).
        assertThat(store.history("A", List.of(AAPL), DAY, days, Instant.MAX)).extracting(FactorValue::value)
                .containsExactly(3.0, 4.0, 5.0, 6.0, 7.0);
        Instant asOf = Instant.parse("2013-01-02T12:00:00Z");
        assertThat(store.history("A", List.of(AAPL), DAY, days, asOf)).extracting(FactorValue::value)
                .containsExactly(3.0, 4.0);
        assertThat(store.history("A", List.of(AAPL), DAY, days, Instant.parse("2012-06-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void rewritingARangeReplacesItAndOnlyIt() throws IOException {
        List<Bar> bars = days(AAPL, 10);
        store.replaceBars(AAPL, DAY, TimeRange.ALL, bars);
        store.replaceValues(series(AAPL, bars, 0), TimeRange.ALL);
        List<FactorValue> before = store.history("A", List.of(AAPL), DAY, TimeRange.ALL, Instant.MAX);

        // The same write again: the same store (idempotent).
        store.replaceValues(series(AAPL, bars, 0), TimeRange.ALL);
        store.replaceBars(AAPL, DAY, TimeRange.ALL, bars);
        assertThat(store.history("A", List.of(AAPL), DAY, TimeRange.ALL, Instant.MAX)).isEqualTo(before);
        assertThat(store.bars(AAPL, DAY, TimeRange.ALL)).isEqualTo(bars);

        // New values for rows 4..6 only: those change, the rest stay; a row the new write lacks is gone.
        TimeRange middle = new TimeRange(bars.get(4).end(), bars.get(6).end());
        List<Bar> part = bars.subList(4, 6); // rows 4 and 5, not 6
        store.replaceValues(new FactorSeries(AAPL, DAY, part.stream().map(Bar::end).toList(), List.of("A"),
                new double[][] {{40, 50}}), middle);
        assertThat(store.history("A", List.of(AAPL), DAY, TimeRange.ALL, Instant.MAX)).extracting(FactorValue::value)
                .containsExactly(0.0, 1.0, 2.0, 3.0, 40.0, 50.0, 7.0, 8.0, 9.0);
        // B was not part of that write: untouched.
        assertThat(store.history("B", List.of(AAPL), DAY, TimeRange.ALL, Instant.MAX)).hasSize(9);

        // An empty write of the whole range empties the files, removing them.
        store.replaceBars(AAPL, DAY, TimeRange.ALL, List.of());
        assertThat(store.bars(AAPL, DAY, TimeRange.ALL)).isEmpty();
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(f -> f.toString().endsWith(".inprogress"))).as("no temporary file left").isEmpty();
        }
        assertThat(root.resolve("factors/bars/instrument=AAPL/date=2013/data.parquet")).doesNotExist();
    }

    @Test
    void aCrossSectionTakesEachInstrumentsLatestValueKnownThen() {
        List<Bar> apple = days(AAPL, 10);
        List<Bar> odd = days(ODD, 5);
        store.replaceValues(series(AAPL, apple, 0), TimeRange.ALL);
        store.replaceValues(series(ODD, odd, 100), TimeRange.ALL);
        assertThat(store.instruments()).containsExactly(AAPL, ODD);

        List<FactorValue> at = store.crossSection("A", DAY, TimeRange.endOfDay(LocalDate.parse("2013-01-03")));
        assertThat(at).containsExactly(new FactorValue("A", AAPL, 6, apple.get(6).end(), DAY),
                new FactorValue("A", ODD, 104, odd.get(4).end(), DAY)); // ODD's last is older: it says so
        assertThat(store.crossSection("A", null, Instant.parse("2012-12-30T00:00:00Z")))
                .extracting(FactorValue::value).containsExactly(1.0, 101.0);
        assertThat(store.crossSection("A", DAY, Instant.parse("2012-01-01T00:00:00Z"))).isEmpty();
        assertThat(store.history("A", List.of(ODD), DAY, TimeRange.ALL, Instant.MAX)).hasSize(5);
    }

    @Test
    void badQueriesAreRefusedWithWhatIsWrong() {
        List<Bar> bars = days(AAPL, 3);
        assertThatThrownBy(() -> store.crossSection("A", DAY, Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no values of factor 'A'")
                .hasMessageContaining("nautilus:factor-backfill");
        store.replaceValues(series(AAPL, bars, 0), TimeRange.ALL);
        assertThatThrownBy(() -> store.history("NOPE", List.of(AAPL), DAY, TimeRange.ALL, Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'NOPE'")
                .hasMessageContaining("[A, B]");
        assertThatThrownBy(() -> store.history("A", List.of(InstrumentId.of("MSFT")), DAY, TimeRange.ALL, Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MSFT")
                .hasMessageContaining("instruments: [AAPL]");
        assertThatThrownBy(() -> TimeRange.ofDays(LocalDate.parse("2013-02-01"), LocalDate.parse("2013-01-01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inverted date range");
        assertThatThrownBy(() -> store.replaceValues(series(AAPL, bars, 0), new TimeRange(bars.get(1).end(),
                bars.get(2).end()))).hasMessageContaining("outside the range replaced");
        assertThatThrownBy(() -> store.replaceBars(InstrumentId.of("MSFT"), DAY, TimeRange.ALL, bars))
                .hasMessageContaining("a bar of AAPL among bars of MSFT");
        // Nothing of the refused writes reached the store.
        assertThat(store.instruments()).containsExactly(AAPL);
        assertThat(store.history("A", List.of(AAPL), DAY, TimeRange.ALL, Instant.MAX)).hasSize(3);
    }

    @Test
    void anotherProcessReadsTheSameDirectory() {
        List<Bar> bars = days(AAPL, 4);
        store.replaceValues(series(AAPL, bars, 0), TimeRange.ALL);
        // A second, independent DuckDB (as another node or process would open) reads what the first wrote.
        try (DuckDbFactorStore reader = DuckDbFactorStore.open(root.resolve("factors"), DatePartition.YEAR, 1)) {
            assertThat(reader.history("A", Set.of(AAPL), DAY, TimeRange.ALL, Instant.MAX)).hasSize(4);
        }
    }
}
