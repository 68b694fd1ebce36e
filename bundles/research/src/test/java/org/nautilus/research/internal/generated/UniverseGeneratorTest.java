package org.nautilus.research.internal.generated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.dataset.DataSource;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.stats.CrossSection;

class UniverseGeneratorTest {

    private static final DataSource.Generated SPEC = new DataSource.Generated(7, 200, 300, 3, 0.08,
            LocalDate.of(2020, 1, 1), false);

    @Test
    void theSameSeedGivesTheSameUniverseAndAnotherSeedAnotherOne() {
        GeneratedUniverse a = UniverseGenerator.generate(SPEC);
        GeneratedUniverse b = UniverseGenerator.generate(SPEC);
        GeneratedUniverse c = UniverseGenerator.generate(new DataSource.Generated(8, 200, 300, 3, 0.08,
                LocalDate.of(2020, 1, 1), false));
        for (int i = 0; i < a.instruments().size(); i++) {
            assertThat(a.instruments().get(i).bars()).usingRecursiveComparison()
                    .isEqualTo(b.instruments().get(i).bars());
        }
        assertThat(a.fundamentals()).isEqualTo(b.fundamentals());
        assertThat(a.news()).isEqualTo(b.news());
        assertThat(a.instruments().get(0).bars().close()).isNotEqualTo(c.instruments().get(0).bars().close());
    }

    @Test
    void barsAreRealisticAndLabelledGenerated() {
        GeneratedUniverse universe = UniverseGenerator.generate(SPEC);
        assertThat(universe.calendar()).hasSize(300);
        assertThat(universe.calendar().get(0)).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(universe.calendar()).allMatch(d -> d.getDayOfWeek().getValue() <= 5, "a weekday");
        assertThat(universe.instruments().get(0).instrument().value()).isEqualTo("GEN0001");
        for (GeneratedUniverse.Series series : universe.instruments()) {
            BarColumns bars = series.bars();
            assertThat(series.rows()).isEqualTo(300);
            for (int t = 0; t < series.rows(); t++) {
                assertThat(bars.low()[t]).isPositive();
                assertThat(bars.high()[t]).isGreaterThanOrEqualTo(Math.max(bars.open()[t], bars.close()[t]));
                assertThat(bars.low()[t]).isLessThanOrEqualTo(Math.min(bars.open()[t], bars.close()[t]));
                assertThat(bars.vwap()[t]).isBetween(bars.low()[t], bars.high()[t]);
                assertThat(bars.volume()[t]).isPositive();
            }
        }
        assertThat(universe.news()).isNotEmpty().allMatch(n -> n.text().startsWith("[GENERATED] GEN"))
                .allMatch(n -> n.source().startsWith("gen-"));
        assertThat(GeneratedUniverse.LABEL).contains("not market data");
    }

    @Test
    void fundamentalsArePublishedAfterTheQuarterAndSomeAreRevisedLater() {
        GeneratedUniverse universe = UniverseGenerator.generate(SPEC);
        Map<String, GeneratedUniverse.Fundamental> first = new HashMap<>();
        int revisions = 0;
        for (GeneratedUniverse.Fundamental f : universe.fundamentals()) {
            assertThat(f.published()).isAfter(f.periodEnd().plusDays(24).atStartOfDay().toInstant(ZoneOffset.UTC));
            String key = f.instrument() + "/" + f.periodEnd();
            if (f.revision() == 0) {
                first.put(key, f);
            } else {
                revisions++;
                assertThat(first).as("the first publication comes before its revision").containsKey(key);
                assertThat(f.published()).isAfter(first.get(key).published());
                assertThat(f.value()).isNotEqualTo(first.get(key).value());
            }
        }
        assertThat(first).hasSizeGreaterThan(200 * 3); // ~5 quarters each over 300 days
        assertThat(revisions).isBetween(first.size() / 5, first.size() * 2 / 5); // 30% revised
    }

    @Test
    void theCrossSectionalIcOfEachPlantedFactorWithTheNextReturnIsThePlantedOne() {
        GeneratedUniverse universe = UniverseGenerator.generate(SPEC);
        int n = universe.instruments().size();
        int days = universe.calendar().size();
        for (int k = 0; k < 3; k++) {
            double[] daily = new double[days - 1];
            for (int t = 0; t < days - 1; t++) {
                double[] factor = new double[n];
                double[] next = new double[n];
                for (int i = 0; i < n; i++) {
                    GeneratedUniverse.Series s = universe.instruments().get(i);
                    factor[i] = s.planted()[k][t];
                    next[i] = s.bars().close()[t + 1] / s.bars().close()[t] - 1;
                }
                daily[t] = CrossSection.pearson(factor, next, 0, n);
            }
            double mean = Arrays.stream(daily).average().orElseThrow();
            double std = Math.sqrt(Arrays.stream(daily).map(x -> (x - mean) * (x - mean)).sum() / (daily.length - 1));
            double stdErr = std / Math.sqrt(daily.length);
            assertThat(Math.abs(mean - 0.08)).as("factor %d: IC %.4f ± %.4f", k + 1, mean, stdErr)
                    .isLessThan(3 * stdErr);
        }
    }

    @Test
    void withGapsSomeInstrumentsListLateDelistEarlyOrSkipDays() {
        GeneratedUniverse universe = UniverseGenerator.generate(new DataSource.Generated(3, 200, 300, 1, 0.05,
                LocalDate.of(2020, 1, 1), true));
        long late = universe.instruments().stream().filter(s -> s.days()[0] > 0).count();
        long early = universe.instruments().stream().filter(s -> s.days()[s.rows() - 1] < 299).count();
        long skipping = universe.instruments().stream()
                .filter(s -> s.days()[s.rows() - 1] - s.days()[0] + 1 > s.rows()).count();
        assertThat(late).isBetween(30L, 90L);
        assertThat(early).isBetween(5L, 40L);
        assertThat(skipping).isPositive();
    }

    @Test
    void aSpecThatWouldExplainMoreThanTheReturnIsRefused() {
        assertThatThrownBy(() -> new DataSource.Generated(1, 10, 10, 20, 0.3, LocalDate.of(2020, 1, 1), false))
                .hasMessageContaining("20 factors with IC 0.3");
    }
}
