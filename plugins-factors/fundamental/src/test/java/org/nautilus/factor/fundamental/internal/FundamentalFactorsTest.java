package org.nautilus.factor.fundamental.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.research.internal.store.FactorBackfillComponent;
import org.nautilus.research.internal.store.FactorStoreConfig;
import org.nautilus.testsupport.DsConfigs;

/**
 * The fundamental factors (expressions over {@code $eps}, {@code PSum($eps,4)}, ...) backfilled over the real DuckDB
 * factor store: against hand-computed values, against DuckDB's ASOF join, and bit for bit against the plugin's
 * earlier Java implementation ({@link FundamentalStreamOracle}) on GENERATED statements with restatements, losses, a
 * negative book and a missing quarter.
 */
class FundamentalFactorsTest {

    private static final InstrumentId ACME = InstrumentId.of("ACME");
    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));

    @TempDir
    Path dir;
    private DuckDbFactorStore store;
    private FundamentalFactorsComponent factors;

    @BeforeEach
    void open() {
        store = DuckDbFactorStore.open(dir, DatePartition.YEAR, 1);
        FactorBackfillComponent backfill = new FactorBackfillComponent(store,
                DsConfigs.config(FactorStoreConfig.class, Map.of("backfill.from", "store")));
        backfill.addLibrary(new FundamentalLibrary());
        factors = new FundamentalFactorsComponent(store, backfill);
        List<Fundamental> rows = new ArrayList<>();
        String[] quarters2023 = {"2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"};
        String[] quarters2024 = {"2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"};
        double[] eps = {1.0, 1.1, 1.2, 1.3};
        double[] sales2024 = {11, 11, 12, 12};
        for (int q = 0; q < 4; q++) {
            rows.add(row("sales", quarters2023[q], published(quarters2023[q]), 10));
            rows.add(row("sales", quarters2024[q], published(quarters2024[q]), sales2024[q]));
            rows.add(row("eps", quarters2024[q], published(quarters2024[q]), eps[q]));
        }
        rows.add(row("book", "2024-12-31", published("2024-12-31"), 20));
        // Q4 2024 EPS restated from 1.3 to 0.7 on 10 February 2025
        rows.add(row("eps", "2024-12-31", Instant.parse("2025-02-10T21:30:00Z"), 0.7));
        store.writeFundamentals(rows);
        List<Bar> bars = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2025, 1, 27); day
                .isBefore(LocalDate.of(2025, 2, 15)); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Price close = Price.of("92");
            bars.add(new Bar(ACME, start, start.plus(Duration.ofDays(1)), close, close, close, close,
                    Quantity.ofWhole(1)));
        }
        store.replaceBars(ACME, DAILY, TimeRange.ALL, bars);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Published 32 days after the period ends, in the evening; Q4 2024 on 1 February 2025. */
    private static Instant published(String periodEnd) {
        return LocalDate.parse(periodEnd).plusDays(32).atTime(21, 30).toInstant(ZoneOffset.UTC);
    }

    private static Fundamental row(String field, String periodEnd, Instant published, double value) {
        return new Fundamental(ACME, field, LocalDate.parse(periodEnd), published, value);
    }

    private Map<Instant, Double> history(String factor, Instant asOf) {
        return store.history(factor, List.of(ACME), DAILY, TimeRange.ALL, asOf).stream()
                .collect(Collectors.toMap(FactorValue::asOf, FactorValue::value));
    }

    @Test
    void valuesUseOnlyWhatWasPublishedByEachBarsEnd() {
        long written = factors.backfill(ACME, DAILY, TimeRange.ALL);
        Instant now = Instant.parse("2025-03-01T00:00:00Z");
        Map<Instant, Double> pe = history("PE", now);
        // Q4 2024 is published on 1 February at 21:30: the bar of 31 January (ending 1 February, midnight) does not
        // know it, and before it only three 2024 quarters are known, so there is no TTM EPS
        assertThat(pe).doesNotContainKey(Instant.parse("2025-02-01T00:00:00Z"));
        // the bar of 1 February ends at midnight after it: TTM EPS 1.0 + 1.1 + 1.2 + 1.3 = 4.6, P/E 92 / 4.6 = 20
        assertThat(pe.get(Instant.parse("2025-02-02T00:00:00Z"))).isCloseTo(20, within(1e-12));
        assertThat(pe.get(Instant.parse("2025-02-10T00:00:00Z"))).isCloseTo(20, within(1e-12));
        // the restatement of 10 February (TTM 4.0) from the bar ending on the 11th: 92 / 4.0 = 23
        assertThat(pe.get(Instant.parse("2025-02-11T00:00:00Z"))).isCloseTo(23, within(1e-12));
        Map<Instant, Double> earningsYield = history("EARNINGS_YIELD", now);
        assertThat(earningsYield.get(Instant.parse("2025-02-03T00:00:00Z"))).isCloseTo(0.05, within(1e-12));
        Map<Instant, Double> pb = history("PB", now);
        assertThat(pb.get(Instant.parse("2025-02-03T00:00:00Z"))).isCloseTo(4.6, within(1e-12));
        Map<Instant, Double> roe = history("ROE", now);
        assertThat(roe.get(Instant.parse("2025-02-03T00:00:00Z"))).isCloseTo(0.23, within(1e-12));
        assertThat(roe.get(Instant.parse("2025-02-12T00:00:00Z"))).isCloseTo(0.2, within(1e-12));
        // TTM sales 2024 = 46 against 40 in 2023: +15%
        Map<Instant, Double> growth = history("SALES_GROWTH", now);
        assertThat(growth.get(Instant.parse("2025-02-03T00:00:00Z"))).isCloseTo(0.15, within(1e-12));
        assertThat(growth).doesNotContainKey(Instant.parse("2025-02-01T00:00:00Z"));
        // 19 bars, 5 before the Q4 publication, 14 with all five factors
        assertThat(written).isEqualTo(14 * 5);
    }

    @Test
    void aStoredValueReadAsOfADateBeforeTheRestatementIsTheOriginal() {
        factors.backfill(ACME, DAILY, TimeRange.ALL);
        // read as of 5 February: the values known then, none after
        Map<Instant, Double> pe = history("PE", Instant.parse("2025-02-05T00:00:00Z"));
        assertThat(pe.keySet()).allSatisfy(t -> assertThat(t).isBeforeOrEqualTo(Instant.parse("2025-02-05T00:00:00Z")));
        assertThat(pe.values()).allSatisfy(v -> assertThat(v).isCloseTo(20, within(1e-12)));
    }

    @Test
    void pbEqualsCloseOverTheBookOfDuckDbsAsOfJoin() {
        factors.backfill(ACME, DAILY, TimeRange.ALL);
        Map<Instant, Double> pb = history("PB", Instant.parse("2025-03-01T00:00:00Z"));
        List<FactorValue> book = store.fundamentalOnBars("book", List.of(ACME), DAILY, TimeRange.ALL);
        assertThat(book).isNotEmpty();
        assertThat(pb).hasSameSizeAs(book);
        for (FactorValue b : book) {
            assertThat(pb.get(b.asOf())).isEqualTo(92 / b.value());
        }
    }

    @Test
    void theExpressionsEqualTheEarlierJavaImplementationBitForBit() {
        InstrumentId widget = InstrumentId.of("WIDGET");
        Random random = new Random(11);
        List<Fundamental> rows = new ArrayList<>();
        LocalDate quarter = LocalDate.of(2019, 3, 31);
        for (int q = 0; q < 20; q++, quarter = quarter.plusDays(1).plusMonths(3).minusDays(1)) {
            if (q == 9) {
                continue; // a quarter never reported: TTM sums across it are refused for a while
            }
            Instant published = quarter.plusDays(25 + random.nextInt(20)).atTime(20, 15).toInstant(ZoneOffset.UTC);
            double eps = Math.round((0.6 + random.nextGaussian()) * 100) / 100.0; // some losses
            rows.add(new Fundamental(widget, "eps", quarter, published, eps));
            rows.add(new Fundamental(widget, "sales", quarter, published, 9 + random.nextDouble() * 3));
            rows.add(new Fundamental(widget, "book", quarter, published, q == 14 ? -2 : 15 + random.nextDouble()));
            if (random.nextInt(4) == 0) {
                rows.add(new Fundamental(widget, "eps", quarter, published.plus(Duration.ofDays(30)), eps + 0.25));
            }
        }
        store.writeFundamentals(rows);
        List<Bar> bars = new ArrayList<>();
        double close = 40;
        for (LocalDate day = LocalDate.of(2019, 6, 1); day.isBefore(LocalDate.of(2024, 1, 1)); day = day.plusDays(1)) {
            close = Math.max(1, close * (1 + 0.02 * random.nextGaussian()));
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            Price price = Price.of(String.format(Locale.ROOT, "%.2f", close));
            bars.add(new Bar(widget, start, start.plus(Duration.ofDays(1)), price, price, price, price,
                    Quantity.ofWhole(100)));
        }
        store.replaceBars(widget, DAILY, TimeRange.ALL, bars);

        factors.backfill(widget, DAILY, TimeRange.ALL);

        FundamentalStreamOracle oracle = new FundamentalStreamOracle(store.fundamentalHistory(widget));
        List<Bar> stored = store.bars(widget, DAILY, TimeRange.ALL);
        Map<String, Map<Instant, Double>> computed = new HashMap<>();
        for (String factor : FundamentalStreamOracle.FACTORS) {
            computed.put(factor, store.history(factor, List.of(widget), DAILY, TimeRange.ALL, Instant.MAX).stream()
                    .collect(Collectors.toMap(FactorValue::asOf, FactorValue::value)));
        }
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (Bar bar : stored) {
            double[] expected = oracle.next(bar.end(), bar.close().toBigDecimal().doubleValue());
            for (int f = 0; f < expected.length; f++) {
                String factor = FundamentalStreamOracle.FACTORS.get(f);
                Double actual = computed.get(factor).get(bar.end());
                boolean same = Double.isNaN(expected[f]) ? actual == null
                        : actual != null && Double.doubleToRawLongBits(actual) == Double.doubleToRawLongBits(
                                expected[f]);
                if (!same) {
                    differences.add(factor + " " + bar.end() + ": " + actual + " vs " + expected[f]);
                }
                compared += Double.isNaN(expected[f]) ? 0 : 1;
            }
        }
        assertThat(differences).isEmpty();
        assertThat(compared).isGreaterThan(4 * 1000);
    }

    @Test
    void theFullHistoryKeepsEveryRevision() {
        List<Fundamental> history = store.fundamentalHistory(ACME);
        assertThat(history).hasSize(14);
        assertThat(history.stream()
                .filter(f -> f.field().equals("eps") && f.periodEnd().equals(LocalDate.of(2024, 12, 31))))
                        .extracting(Fundamental::value).containsExactly(1.3, 0.7);
        assertThatThrownBy(() -> factors.backfill(InstrumentId.of("NONE"), DAILY, TimeRange.ALL))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
