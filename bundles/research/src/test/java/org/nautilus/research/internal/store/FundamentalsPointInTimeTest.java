package org.nautilus.research.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.FundamentalsCsvReader;

/**
 * Fundamentals read as of a moment. The statements here are GENERATED (seeded, deterministic) in the shape of
 * quarterly reports with restatements; no real fundamentals ship with the project.
 */
class FundamentalsPointInTimeTest extends StoreTestSupport {

    private static final InstrumentId ACME = InstrumentId.of("ACME");
    private static final BarSpec DAY = BarSpec.time(Duration.ofDays(1));

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    /** Generated quarterly EPS for 2013 with every quarter published 30 days after its end, restated 100 days after. */
    static String generatedCsv(long seed) {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("instrument,period_end,published,field,value\n");
        for (LocalDate end : List.of(LocalDate.parse("2012-12-31"), LocalDate.parse("2013-03-31"),
                LocalDate.parse("2013-06-30"), LocalDate.parse("2013-09-30"))) {
            double eps = Math.round((1 + random.nextDouble()) * 100) / 100.0;
            csv.append("ACME,").append(end).append(',').append(end.plusDays(30)).append(",eps,").append(eps)
                    .append('\n');
            csv.append("ACME,").append(end).append(',').append(end.plusDays(100)).append("T21:00:00Z,eps,")
                    .append(eps + 0.05).append('\n');
        }
        return csv.toString();
    }

    @Test
    void aRestatementPublishedAfterTChangesNothingAtT() throws BarFileException {
        store.writeFundamentals(FundamentalsCsvReader.read(new StringReader(generatedCsv(7)), "generated", null));
        Instant t = at("2013-05-15T00:00:00Z"); // Q4 2012 (restated 2013-04-10) and Q1 2013 (published 2013-04-30)
        List<Fundamental> before = store.fundamentals(ACME, t);
        assertThat(before).extracting(Fundamental::periodEnd)
                .containsExactly(LocalDate.parse("2012-12-31"), LocalDate.parse("2013-03-31"));
        assertThat(before).allMatch(f -> !f.published().isAfter(t));

        // Restate Q1 2013 on 2013-08-01, after t, and add a new quarter: nothing at t changes.
        double q1 = before.get(1).value();
        store.writeFundamentals(List.of(
                new Fundamental(ACME, "eps", LocalDate.parse("2013-03-31"), at("2013-08-01T00:00:00Z"), q1 * 10),
                new Fundamental(ACME, "eps", LocalDate.parse("2013-12-31"), at("2014-01-30T00:00:00Z"), 9)));
        assertThat(store.fundamentals(ACME, t)).isEqualTo(before);
        // Later, the restatement is what is known.
        assertThat(store.fundamentals(ACME, at("2013-08-02T00:00:00Z")))
                .filteredOn(f -> f.periodEnd().equals(LocalDate.parse("2013-03-31")))
                .extracting(Fundamental::value).containsExactly(q1 * 10);
        // Loading the same file again stores it once.
        int rows = store.fundamentals(ACME, Instant.MAX).size();
        store.writeFundamentals(FundamentalsCsvReader.read(new StringReader(generatedCsv(7)), "generated", null));
        assertThat(store.fundamentals(ACME, Instant.MAX)).hasSize(rows);
    }

    @Test
    void eachBarSeesTheLatestPeriodPublishedByItsCloseAndNothingLater() {
        List<Bar> bars = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2013-01-01"); day
                .isBefore(LocalDate.parse("2013-12-31")); day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            bars.add(new Bar(ACME, start, start.plus(Duration.ofDays(1)), Price.ofWhole(10), Price.ofWhole(10),
                    Price.ofWhole(10), Price.ofWhole(10), Quantity.ofWhole(1)));
        }
        store.replaceBars(ACME, DAY, TimeRange.ALL, bars);
        List<Fundamental> rows = List.of(
                new Fundamental(ACME, "eps", LocalDate.parse("2012-12-31"), at("2013-02-01T00:00:00Z"), 1.0),
                new Fundamental(ACME, "eps", LocalDate.parse("2013-03-31"), at("2013-05-01T00:00:00Z"), 2.0),
                // Q4 2012 restated after Q1 2013 came out: Q1 (the newer period) stays the known figure.
                new Fundamental(ACME, "eps", LocalDate.parse("2012-12-31"), at("2013-06-01T00:00:00Z"), 1.5),
                // Q1 2013 restated: replaces it from then on.
                new Fundamental(ACME, "eps", LocalDate.parse("2013-03-31"), at("2013-07-01T12:00:00Z"), 2.5),
                new Fundamental(ACME, "revenue", LocalDate.parse("2013-03-31"), at("2013-05-01T00:00:00Z"), 99));
        store.writeFundamentals(rows);

        List<FactorValue> eps = store.fundamentalOnBars("eps", List.of(ACME), DAY, TimeRange.ALL);
        assertThat(eps.get(0).asOf()).isEqualTo(at("2013-02-01T00:00:00Z")); // bars before the first publication: none
        for (FactorValue value : eps) {
            // The oracle: of the rows published by the bar's close, the latest period, its latest revision.
            Fundamental known = rows.stream().filter(r -> r.field().equals("eps"))
                    .filter(r -> !r.published().isAfter(value.asOf()))
                    .max(Comparator.comparing(Fundamental::periodEnd).thenComparing(Fundamental::published))
                    .orElseThrow();
            assertThat(value.value()).as("eps at " + value.asOf()).isEqualTo(known.value());
        }
        assertThat(eps).filteredOn(v -> v.asOf().equals(at("2013-06-15T00:00:00Z")))
                .extracting(FactorValue::value).containsExactly(2.0);
        assertThat(eps).filteredOn(v -> v.asOf().equals(at("2013-07-01T00:00:00Z")))
                .extracting(FactorValue::value).containsExactly(2.0); // restated at 12:00 that day: not yet
        assertThat(eps).filteredOn(v -> v.asOf().equals(at("2013-07-02T00:00:00Z")))
                .extracting(FactorValue::value).containsExactly(2.5);
        assertThat(eps).hasSize(bars.size() - 30);

        assertThatThrownBy(() -> store.fundamentalOnBars("ebitda", List.of(ACME), DAY, TimeRange.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no fundamental field 'ebitda'");
        assertThatThrownBy(() -> store.fundamentals(InstrumentId.of("NONE"), Instant.MAX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no fundamentals of NONE");
    }

    @Test
    void aBadFundamentalsFileIsRefusedWithItsLine() {
        String csv = "period_end,published,field,value\n2013-03-31,2013-04-30,eps,1.2\n2013-06-30,2013-06-01,eps,1.3\n";
        assertThatThrownBy(() -> FundamentalsCsvReader.read(new StringReader(csv), "f.csv", ACME))
                .isInstanceOf(BarFileException.class).hasMessageContaining("f.csv:3:")
                .hasMessageContaining("before the period ended");
        assertThatThrownBy(() -> FundamentalsCsvReader.read(new StringReader(csv), "f.csv", null))
                .hasMessageContaining("no instrument column");
        assertThatThrownBy(() -> FundamentalsCsvReader.read(new StringReader("period_end,field\n"), "g.csv", ACME))
                .hasMessageContaining("g.csv:1: header");
    }
}
