package org.nautilus.research.internal.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.store.Fundamental;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.PointInTimeSources;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.research.internal.support.Bars;

/**
 * A training panel built from a library whose factor reads {@code $eps} takes the factor store's statements as
 * known at each bar's end, as the live engine does (it read NaN, so such a factor left no complete row).
 */
class TrainingPanelTest {

    @TempDir
    Path temp;

    @Test
    void aLibraryFactorOverEpsReadsTheStoredStatementsPointInTime() {
        List<Bar> bars = Bars.apple();
        InstrumentId apple = bars.get(0).instrumentId();
        FactorLibrary library = new FactorLibrary() {
            @Override
            public String name() {
                return "fundamental-test";
            }

            @Override
            public List<FactorDefinition> definitions() {
                return List.of(new FactorDefinition("EY", "$eps/$close", "quarterly earnings yield"));
            }
        };
        try (DuckDbFactorStore store = DuckDbFactorStore.open(temp.resolve("store"), DatePartition.YEAR, 1)) {
            store.writeFundamentals(List.of(
                    new Fundamental(apple, "eps", LocalDate.of(2012, 12, 29), Instant.parse("2013-01-23T21:30:00Z"),
                            13.81),
                    new Fundamental(apple, "eps", LocalDate.of(2013, 3, 30), Instant.parse("2013-04-23T20:30:00Z"),
                            10.09),
                    new Fundamental(apple, "eps", LocalDate.of(2013, 3, 30), Instant.parse("2013-06-03T20:30:00Z"),
                            10.10)));
            TrainingSpec spec = TrainingSpec.parse(String.join("\n", "experiment = e", "family = lightgbm",
                    "factors = EY", "bars = " + temp.resolve("apple.csv"), "instrument = " + apple.value()),
                    "test.properties", name -> null);
            TrainingPanel panel = TrainingPanel.build(bars, spec, new TrainingPanel.Sources(
                    Map.of(library.name(), CompiledLibrary.compile(library)), Map.of(), 1,
                    new PointInTimeSources(store, null)), line -> {});

            assertThat(panel.panel().rows()).isGreaterThan(100);
            double[] close = BarColumns.of(bars).close();
            Map<LocalDate, Integer> barOn = new HashMap<>(); // a training row's date is its bar's end
            for (int t = 0; t < bars.size(); t++) {
                barOn.put(bars.get(t).end().atZone(ZoneOffset.UTC).toLocalDate(), t);
            }
            for (int row = 0; row < panel.panel().rows(); row++) {
                int t = barOn.get(panel.panel().date(row));
                double eps = store.fundamentals(apple, bars.get(t).end()).stream()
                        .max(Comparator.comparing(Fundamental::periodEnd)).orElseThrow().value();
                assertThat(panel.panel().feature(row, 0)).as("EY on %s", panel.panel().date(row))
                        .isEqualTo(eps / close[t]);
            }
        }
    }
}
