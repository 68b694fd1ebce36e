package org.nautilus.research.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.expression.PointInTimeFields;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FeatureEngine;
import org.nautilus.research.internal.features.PointInTimeSources;
import org.nautilus.research.internal.support.Bars;
import org.nautilus.testsupport.DsConfigs;

/**
 * The backfill reads the bar series the data connectors stored in the factor store (files remain an option), with
 * fundamental fields from the store's fundamentals; the live engine's streams give the same values bit for bit,
 * also when the store takes new fundamentals while they run. Real Apple bars of 2013, GENERATED fundamentals.
 */
class StoredBarsBackfillTest extends StoreTestSupport {

    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));
    private static final InstrumentId APPLE = InstrumentId.of("AAPL");

    /** A library over bars and point-in-time fields. */
    private record Library(String name, List<FactorDefinition> definitions) implements FactorLibrary {
    }

    private static final Library PIT = new Library("pit", List.of(
            new FactorDefinition("EY", "PSum($eps,4)/$close", ""),
            new FactorDefinition("PB", "$close/$book", ""),
            new FactorDefinition("EY_MA5", "Mean(PSum($eps,4)/$close,5)", ""),
            new FactorDefinition("MA5", "Mean($close,5)/$close", "")));

    private final List<Bar> apple = Bars.apple();

    /** Quarterly eps and book, published ~a month after each quarter; Q4 2012 restated in April 2013. */
    private static List<Fundamental> fundamentals() {
        List<Fundamental> rows = new ArrayList<>();
        double[] eps = {12.30, 9.32, 8.67, 13.81, 10.09, 7.47, 8.26, 14.50};
        LocalDate quarter = LocalDate.of(2012, 3, 31);
        for (int q = 0; q < eps.length; q++, quarter = quarter.plusDays(1).plusMonths(3).minusDays(1)) {
            Instant published = quarter.plusDays(25).atTime(21, 30).toInstant(ZoneOffset.UTC);
            rows.add(new Fundamental(APPLE, "eps", quarter, published, eps[q]));
            rows.add(new Fundamental(APPLE, "book", quarter, published, 120 + 5 * q));
        }
        rows.add(new Fundamental(APPLE, "eps", LocalDate.of(2012, 12, 31), Instant.parse("2013-04-23T21:30:00Z"),
                13.87));
        return rows;
    }

    private FactorBackfillComponent backfill(Map<String, Object> config) {
        FactorBackfillComponent backfill = new FactorBackfillComponent(store,
                DsConfigs.config(FactorStoreConfig.class, config));
        backfill.addLibrary(PIT);
        return backfill;
    }

    /** The batch over the bars with the fields from the store, as the backfill must have computed it. */
    private FactorColumns expected(List<Bar> bars) {
        FactorProgram program = CompiledLibrary.compile(PIT).program();
        List<Instant> ends = bars.stream().map(Bar::end).toList();
        return program.evaluate(BarColumns.of(bars), PointInTimeFields.columns(program.dataFields(),
                store.fundamentalHistory(APPLE), null, ends));
    }

    private void assertStored(FactorColumns expected, List<Bar> bars) {
        for (String factor : expected.names()) {
            Map<Instant, Double> stored = store.history(factor, List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX)
                    .stream().collect(Collectors.toMap(FactorValue::asOf, FactorValue::value));
            double[] column = expected.column(factor);
            assertThat(stored).as(factor).hasSize((int) Arrays.stream(column).filter(Double::isFinite).count());
            for (int r = 0; r < bars.size(); r++) {
                if (Double.isFinite(column[r])) {
                    assertThat(Double.doubleToRawLongBits(stored.get(bars.get(r).end()))).as("%s row %d", factor, r)
                            .isEqualTo(Double.doubleToRawLongBits(column[r]));
                }
            }
        }
    }

    @Test
    void theBackfillReadsTheBarsTheConnectorsStoredWithTheStoredFundamentals() {
        store.replaceBars(APPLE, DAY, TimeRange.ALL, apple); // what a route to nautilus-data:store writes
        store.writeFundamentals(fundamentals());
        FactorBackfillComponent backfill = backfill(Map.of("backfill.sources", ""));

        assertThat(backfill.instruments()).containsExactly(APPLE);
        BackfillResult result = backfill.backfill(new BackfillRequest(Set.of(), Set.of(), TimeRange.ALL), p -> {});

        assertThat(result.failures()).isEmpty();
        assertThat(result.bars()).isEqualTo(252);
        assertStored(expected(apple), apple);
        // the restatement of Q4 2012 (published 23 April, 21:30) is in the EY of the bar ending after it, not before
        Map<Instant, Double> ey = store.history("EY", List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX).stream()
                .collect(Collectors.toMap(FactorValue::asOf, FactorValue::value));
        Bar before = bar(Instant.parse("2013-04-23T00:00:00Z"));
        Bar after = bar(Instant.parse("2013-04-24T00:00:00Z"));
        assertThat(ey.get(before.end())).isEqualTo((0.0 + 13.81 + 8.67 + 9.32 + 12.30) / close(before));
        assertThat(ey.get(after.end())).isEqualTo((0.0 + 13.87 + 8.67 + 9.32 + 12.30) / close(after));
    }

    private Bar bar(Instant end) {
        return apple.stream().filter(b -> b.end().equals(end)).findFirst().orElseThrow();
    }

    private static double close(Bar bar) {
        return bar.close().toBigDecimal().doubleValue();
    }

    @Test
    void theStoresSeriesComeBeforeAFileOfTheSameSeriesAndFilesFillTheRest() throws IOException {
        store.replaceBars(APPLE, DAY, TimeRange.ALL, apple);
        store.writeFundamentals(fundamentals());
        Path shortFile = root.resolve("apple-first-100.csv");
        Path otherFile = root.resolve("copy.csv");
        String csv = appleCsv();
        Files.writeString(shortFile, String.join("\n", csv.lines().limit(101).toList()) + "\n");
        Files.writeString(otherFile, csv);
        String sources = "AAPL | " + shortFile + " | P1D; COPY | " + otherFile + " | P1D";

        FactorBackfillComponent both = backfill(Map.of("backfill.sources", sources));
        assertThat(both.instruments()).containsExactly(APPLE, InstrumentId.of("COPY"));
        BackfillResult result = both.backfill(new BackfillRequest(Set.of("pit"), Set.of(), TimeRange.ALL), p -> {});
        assertThat(result.failures()).isEmpty();
        assertThat(result.bars()).isEqualTo(252 + 252); // AAPL's 252 stored bars, not the file's 100
        assertThat(store.bars(InstrumentId.of("COPY"), DAY, TimeRange.ALL)).hasSize(252); // the file's, written
        assertStored(expected(apple), apple);

        FactorBackfillComponent filesOnly = backfill(Map.of("backfill.sources", "", "backfill.from", "files"));
        assertThat(filesOnly.instruments()).isEmpty();
        assertThatThrownBy(() -> filesOnly.backfill(new BackfillRequest(Set.of(), Set.of(APPLE), TimeRange.ALL),
                p -> {})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backfill.from = files");
        assertThatThrownBy(() -> backfill(Map.of("backfill.from", "store, database")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backfill.from = 'store, database': name 'store', 'files' or both ('store, files'), not"
                        + " 'database'");
    }

    @Test
    void theLiveEngineGivesTheBackfilledValuesAlsoWhenTheStoreTakesFundamentalsWhileItRuns() {
        List<Fundamental> rows = fundamentals();
        Instant cut = apple.get(150).end();
        store.writeFundamentals(rows.stream().filter(r -> !r.published().isAfter(cut)).toList());
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> List.of(), 300, 10_000);
        engine.pointInTime(new PointInTimeSources(store, null));
        CompiledLibrary library = CompiledLibrary.compile(PIT);
        engine.addLibrary(PIT, library);
        engine.startLibrary(library);

        apple.subList(0, 151).forEach(engine::onBar);
        // the rest arrives while the stream runs: each publication after the last bar it has seen
        store.writeFundamentals(rows.stream().filter(r -> r.published().isAfter(cut)).toList());
        apple.subList(151, apple.size()).forEach(engine::onBar);

        FactorColumns expected = expected(apple);
        for (String factor : expected.names()) {
            double[] column = expected.column(factor);
            List<FactorValue> live = engine.history(factor, APPLE);
            assertThat(live).as(factor).hasSize((int) Arrays.stream(column).filter(Double::isFinite).count());
            for (FactorValue value : live) {
                int row = apple.stream().map(Bar::end).toList().indexOf(value.asOf());
                assertThat(Double.doubleToRawLongBits(value.value())).as("%s at %s", factor, value.asOf())
                        .isEqualTo(Double.doubleToRawLongBits(column[row]));
            }
        }
        assertThat(engine.latest("EY", APPLE)).get().extracting(FactorValue::asOf).isEqualTo(apple.get(251).end());
    }

    private static String appleCsv() throws IOException {
        try (Reader in = Bars.appleCsv()) {
            StringWriter out = new StringWriter();
            in.transferTo(out);
            return out.toString();
        }
    }
}
