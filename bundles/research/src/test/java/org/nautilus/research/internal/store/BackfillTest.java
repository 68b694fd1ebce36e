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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.BackfillProgress;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.factor.technical.internal.TechnicalLibrary;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorStream;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.support.Bars;

/** A backfill of the technical library over the Apple daily bars of 2013 (real, from ta4j-examples). */
class BackfillTest extends StoreTestSupport {

    private static final InstrumentId APPLE = InstrumentId.of("AAPL.NASDAQ");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    private Path csv;

    @Override
    DatePartition partition() {
        return DatePartition.MONTH;
    }

    @BeforeEach
    void writeCsv() throws IOException {
        csv = root.resolve("apple.csv");
        Files.writeString(csv, readAll());
    }

    private static String readAll() throws IOException {
        try (Reader in = Bars.appleCsv()) {
            StringWriter out = new StringWriter();
            in.transferTo(out);
            return out.toString();
        }
    }

    private List<Backfill.Job> jobs() {
        return Backfill.jobs(List.of(new BarSource(APPLE, csv, Duration.ofDays(1))));
    }

    @Test
    void storedValuesAreTheLiveStreamsBitForBitAndARerunChangesNothing() throws Exception {
        CompiledLibrary technical = CompiledLibrary.compile(new TechnicalLibrary());
        List<BackfillProgress> progress = new ArrayList<>();
        BackfillResult result = new Backfill(store).run(List.of(technical), jobs(), TimeRange.ALL, progress::add);

        List<Bar> bars = store.bars(APPLE, DAY, TimeRange.ALL);
        assertThat(bars).hasSize(252);
        assertThat(result.failures()).isEmpty();
        assertThat(result.instruments()).isEqualTo(1);
        assertThat(result.bars()).isEqualTo(252);
        assertThat(progress).singleElement().satisfies(p -> {
            assertThat(p.instrumentsDone()).isEqualTo(1);
            assertThat(p.values()).isEqualTo(result.values()).isPositive();
        });

        // The live engine's way: a FactorStream fed bar by bar. Every finite value is stored, with the same bits.
        FactorStream stream = technical.program().newStream();
        int compared = 0;
        Map<String, List<FactorValue>> stored = new HashMap<>();
        for (String factor : technical.program().names()) {
            stored.put(factor, store.history(factor, List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX));
        }
        Map<String, Integer> next = new HashMap<>();
        for (Bar bar : Bars.apple()) {
            stream.update(bar);
            for (int f = 0; f < technical.program().size(); f++) {
                double live = stream.value(f);
                if (!Double.isFinite(live)) {
                    continue;
                }
                String factor = technical.program().names().get(f);
                int i = next.merge(factor, 1, Integer::sum) - 1;
                FactorValue value = stored.get(factor).get(i);
                assertThat(value.asOf()).isEqualTo(bar.end());
                assertThat(Double.doubleToRawLongBits(value.value())).as(factor + " at " + bar.end())
                        .isEqualTo(Double.doubleToRawLongBits(live));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(result.values());
        stored.forEach((factor, values) -> assertThat(values).as(factor).hasSize(next.getOrDefault(factor, 0)));

        // Again: the same store.
        new Backfill(store).run(List.of(technical), jobs(), TimeRange.ALL, p -> {});
        for (String factor : technical.program().names()) {
            assertThat(store.history(factor, List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX))
                    .isEqualTo(stored.get(factor));
        }
    }

    @Test
    void aRangeBackfillWritesOnlyTheRangeWithValuesOfTheWholeHistory() {
        CompiledLibrary technical = CompiledLibrary.compile(new TechnicalLibrary());
        TimeRange june = TimeRange.ofDays(LocalDate.parse("2013-06-01"), LocalDate.parse("2013-06-30"));
        BackfillResult result = new Backfill(store).run(List.of(technical), jobs(), june, p -> {});

        List<Bar> bars = store.bars(APPLE, DAY, TimeRange.ALL);
        assertThat(bars).isNotEmpty().allMatch(b -> june.contains(b.end()));
        assertThat(result.bars()).isEqualTo(bars.size());
        // The values equal the batch over the whole year (the window reaches back before June).
        List<Bar> all = Bars.apple();
        FactorColumns batch = technical.program().evaluate(BarColumns.of(all));
        String factor = technical.program().names().get(0);
        List<FactorValue> stored = store.history(factor, Set.of(APPLE), DAY, TimeRange.ALL, Instant.MAX);
        for (FactorValue value : stored) {
            int row = 0;
            while (!all.get(row).end().equals(value.asOf())) {
                row++;
            }
            assertThat(value.value()).isEqualTo(batch.column(factor)[row]);
        }
        assertThat(stored).hasSize(bars.size());
    }

    @Test
    void noValueReadsALaterBar() throws IOException {
        // The first half of the year alone gives, for each of its bars, the values the whole year gives: what the
        // store holds for a day was computable on that day.
        CompiledLibrary technical = CompiledLibrary.compile(new TechnicalLibrary());
        new Backfill(store).run(List.of(technical), jobs(), TimeRange.ALL, p -> {});
        List<String> lines = Files.readAllLines(csv);
        Path half = root.resolve("half.csv");
        Files.write(half, lines.subList(0, 1 + (lines.size() - 1) / 2));
        try (DuckDbFactorStore early = DuckDbFactorStore.open(root.resolve("early"), DatePartition.YEAR, 1)) {
            new Backfill(early).run(List.of(technical), Backfill.jobs(List.of(new BarSource(APPLE, half,
                    Duration.ofDays(1)))), TimeRange.ALL, p -> {});
            int compared = 0;
            for (String factor : technical.program().names()) {
                List<FactorValue> known = early.history(factor, List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX);
                List<FactorValue> full = store.history(factor, List.of(APPLE), DAY, TimeRange.ALL, Instant.MAX);
                assertThat(full.subList(0, known.size())).as(factor).isEqualTo(known);
                compared += known.size();
            }
            assertThat(compared).isGreaterThan(1000);
        }
    }

    @Test
    void anUnreadableFileIsReportedAndTheOthersGoOn() {
        CompiledLibrary technical = CompiledLibrary.compile(new TechnicalLibrary());
        List<Backfill.Job> jobs = new ArrayList<>(Backfill.jobs(List.of(
                new BarSource(InstrumentId.of("GONE"), root.resolve("missing.csv"), Duration.ofDays(1)))));
        jobs.addAll(jobs());
        List<BackfillProgress> progress = new ArrayList<>();
        BackfillResult result = new Backfill(store).run(List.of(technical), jobs, TimeRange.ALL, progress::add);
        assertThat(result.failures()).containsOnlyKeys(InstrumentId.of("GONE"));
        assertThat(result.failures().get(InstrumentId.of("GONE"))).contains("missing.csv: no such file");
        assertThat(result.instruments()).isEqualTo(1);
        assertThat(progress).extracting(BackfillProgress::failure).first().asString().contains("no such file");
        assertThat(store.instruments()).containsExactly(APPLE);
    }

    @Test
    void sourcesAreParsedWithClearErrors() {
        List<BarSource> sources = BarSource.parseAll(
                "AAPL.NASDAQ | samples/apple.csv | P1D; ETH | /abs/eth.csv | PT5M", Path.of("/home"), t -> t);
        assertThat(sources).containsExactly(
                new BarSource(APPLE, Path.of("/home/samples/apple.csv"), Duration.ofDays(1)),
                new BarSource(InstrumentId.of("ETH"), Path.of("/abs/eth.csv"), Duration.ofMinutes(5)));
        assertThatThrownBy(() -> BarSource.parseAll("AAPL | a.csv", Path.of("/"), t -> t))
                .hasMessageContaining("is not SYMBOL | FILE | INTERVAL");
        assertThatThrownBy(() -> BarSource.parseAll("AAPL | a.csv | daily", Path.of("/"), t -> t))
                .hasMessageContaining("'daily' is not an ISO-8601 interval");
    }
}
