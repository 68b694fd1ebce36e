package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.api.routes.MarketDataFiles;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;
import org.nautilus.strategy.macross.internal.MaCrossStrategy;

/**
 * Backtests over the real DuckDB factor store: stored bars merged in time order with a file's, equal to the same
 * backtest over the files, and stored factor values released to the strategy at the time they became known.
 */
class StoreBacktestTest {

    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));
    private static final InstrumentId AAPL2 = InstrumentId.of("AAPL2.NASDAQ");

    @TempDir
    Path dir;

    private DuckDbFactorStore store;
    private final MarketDataFilesComponent files = new MarketDataFilesComponent();
    private List<Bar> apple;

    @BeforeEach
    void storeTheAppleBars() throws IOException {
        SampleData.copy(dir, SampleData.APPLE_FILE);
        apple = new ArrayList<>();
        try (MarketDataFiles.Reader reader = files.open(dir.resolve(SampleData.APPLE_FILE), "bars-csv",
                SampleData.AAPL, Duration.ofDays(1))) {
            for (Object o = reader.next(); o != null; o = reader.next()) {
                apple.add((Bar) o);
            }
        }
        store = DuckDbFactorStore.open(dir.resolve("factors"), DatePartition.YEAR, 1);
        assertThat(store.replaceBars(SampleData.AAPL, DAILY, TimeRange.ALL, apple)).isEqualTo(apple.size());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private BacktestSpec spec(String strategy, Map<String, String> parameters, List<BacktestSpec.DataFile> data,
            List<String> storeFactors) {
        return new BacktestSpec(strategy, parameters, data, null, null, new BigDecimal("100000"),
                BacktestSpec.Execution.defaults(), Map.of(), Duration.ofDays(1), 252, storeFactors);
    }

    private BacktestEngine.Outcome run(BacktestSpec spec, Strategy strategy) throws IOException {
        BacktestEngine.Outcome outcome = new BacktestEngine(spec, strategy, files, dir, true,
                new BacktestEngine.Research(null, null, store)).run(line -> {});
        assertThat(outcome.failure()).isNull();
        return outcome;
    }

    @Test
    void storedBarsMergedWithAFileGiveTheSameBacktestAsTheFiles() throws IOException {
        // A second instrument from a file (the same prices under another name), so the two sources interleave.
        BacktestSpec.DataFile second = new BacktestSpec.DataFile(SampleData.APPLE_FILE, "bars-csv", AAPL2,
                Duration.ofDays(1));
        Map<String, String> parameters = Map.of("fast", "5", "slow", "20", "rsi.max", "101");
        BacktestEngine.Outcome fromFiles = run(spec("ma-cross", parameters, List.of(new BacktestSpec.DataFile(
                SampleData.APPLE_FILE, "bars-csv", SampleData.AAPL, Duration.ofDays(1)), second), List.of()),
                new MaCrossStrategy());
        BacktestEngine.Outcome fromStore = run(spec("ma-cross", parameters,
                List.of(BacktestSpec.DataFile.store("P1D", SampleData.AAPL), second), List.of()),
                new MaCrossStrategy());

        assertThat(fromFiles.fills()).hasSizeGreaterThan(4)
                .anyMatch(f -> f.instrumentId().equals(SampleData.AAPL))
                .anyMatch(f -> f.instrumentId().equals(AAPL2));
        assertThat(fromStore.events()).isEqualTo(fromFiles.events()).isEqualTo(4L * apple.size());
        assertThat(fromStore.orders()).isEqualTo(fromFiles.orders());
        assertThat(fromStore.fills()).isEqualTo(fromFiles.fills());
        assertThat(fromStore.equity()).isEqualTo(fromFiles.equity());
        assertThat(fromStore.metrics()).isEqualTo(fromFiles.metrics());
    }

    /** Records what it reads: at each bar the stored factor, and each factor value as it arrives. */
    private static final class Reader implements Strategy {
        final List<String> seen = new ArrayList<>();

        @Override
        public String description() {
            return "reader";
        }

        @Override
        public StrategyHandler start(StrategyContext context) {
            return new StrategyHandler() {
                @Override
                public void onBar(Bar bar) {
                    context.factor("signal", bar.instrumentId()).ifPresent(
                            v -> seen.add("bar " + bar.end() + " reads " + v.value() + " of " + v.asOf()));
                }

                @Override
                public void onFactor(FactorValue value) {
                    seen.add("factor " + value.value() + " at " + context.now());
                }
            };
        }
    }

    @Test
    void storedFactorValuesReachTheStrategyAtTheTimeTheyBecameKnownAndNotBefore() throws IOException {
        Instant tenth = apple.get(9).end();
        Instant twelfth = apple.get(11).end();
        store.replaceValues(new FactorSeries(SampleData.AAPL, DAILY, List.of(tenth, twelfth), List.of("signal"),
                new double[][] {{0.5, -1.25}}), TimeRange.ALL);
        Reader reader = new Reader();
        BacktestSpec spec = spec("reader", Map.of(), List.of(BacktestSpec.DataFile.store("P1D", SampleData.AAPL)),
                List.of("signal"));
        run(spec, reader);

        // Nothing before the tenth bar's close; the value of that close before the strategy's onBar at it.
        assertThat(reader.seen.subList(0, 5)).containsExactly(
                "factor 0.5 at " + tenth,
                "bar " + tenth + " reads 0.5 of " + tenth,
                "bar " + apple.get(10).end() + " reads 0.5 of " + tenth,
                "factor -1.25 at " + twelfth,
                "bar " + twelfth + " reads -1.25 of " + twelfth);
        assertThat(reader.seen).hasSize(apple.size() - 9 + 2);
    }

    @Test
    void aSpecNamingWhatTheStoreDoesNotHoldIsRefusedSayingWhatItHas() {
        BacktestSpec minute = spec("reader", Map.of(), List.of(BacktestSpec.DataFile.store("PT1M", SampleData.AAPL)),
                List.of());
        assertThatThrownBy(() -> run(minute, new Reader())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no PT1M bars of AAPL.NASDAQ").hasMessageContaining("[PT24H]");
        BacktestSpec unknown = spec("reader", Map.of(), List.of(BacktestSpec.DataFile.store("P1D", SampleData.AAPL)),
                List.of("nope"));
        assertThatThrownBy(() -> run(unknown, new Reader())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.factors: the factor store has no values of 'nope'");
        BacktestSpec stored = spec("reader", Map.of(), List.of(BacktestSpec.DataFile.store("P1D", SampleData.AAPL)),
                List.of());
        assertThatThrownBy(() -> new BacktestEngine(stored, new Reader(), files, dir, true).run(line -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data.1.store reads the factor store, and none is running here");
    }

    @Test
    void aSpecFileNamesStoredBarsAndFactors() throws IOException {
        Path file = dir.resolve("stored.properties");
        Files.writeString(file, """
                strategy = ma-cross
                data.1.store = P1D
                data.1.symbol = AAPL.NASDAQ
                data.2.file = other.csv
                data.2.format = bars-csv
                data.2.symbol = MSFT
                store.factors = signal, mom20
                """);
        BacktestSpec spec = BacktestSpec.fromProperties(BacktestSpec.readSettings(file, "stored.properties"));
        assertThat(spec.data()).containsExactly(BacktestSpec.DataFile.store("P1D", SampleData.AAPL),
                new BacktestSpec.DataFile("other.csv", "bars-csv", InstrumentId.of("MSFT"), null));
        assertThat(spec.storeFactors()).containsExactly("signal", "mom20");
        assertThatThrownBy(() -> BacktestSpec.fromProperties(Map.of("strategy", "x", "data.1.store", "P1D")))
                .hasMessageContaining("data.1.store needs data.1.symbol");
    }
}
