package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;
import org.nautilus.strategy.macross.internal.MaCrossStrategy;

/** A backtest from a spec file to its stored result and tearsheet, twice, with the same bytes. */
class BacktestRunnerTest {

    @TempDir
    Path home;

    private static final Map<String, String> SPEC = Map.of(
            "strategy", "ma-cross",
            "data.1.file", "samples/" + SampleData.APPLE_FILE,
            "data.1.format", "bars-csv",
            "data.1.symbol", "AAPL.NASDAQ",
            "data.1.interval", "P1D",
            "param.fast", "10",
            "param.slow", "30",
            "param.quantity", "100",
            "initial.cash", "100000");

    @Test
    void theMaCrossOverTheAppleBarsOf2013IsStoredWithItsTearsheetAndRunsTheSameTwice() throws IOException {
        Files.createDirectories(home.resolve("samples"));
        SampleData.copy(home.resolve("samples"), SampleData.APPLE_FILE);
        BacktestRunner runner = new BacktestRunner(new MarketDataFilesComponent(), home, home.resolve("backtests"));
        List<String> progress = new ArrayList<>();
        BacktestSpec spec = BacktestSpec.fromProperties(SPEC);
        BacktestResult first = runner.run(spec, new MaCrossStrategy(), "test", progress::add);
        BacktestResult second = runner.run(spec, new MaCrossStrategy(), "test", line -> { });

        assertThat(first.runId()).isEqualTo("ma-cross-0001");
        assertThat(second.runId()).isEqualTo("ma-cross-0002");
        assertThat(second.digest()).isEqualTo(first.digest());
        for (String file : List.of("tearsheet.html", "equity.png", "underwater.png", "monthly.png",
                "rolling-sharpe.png", "orders.csv", "fills.csv", "equity.csv", "summary.properties")) {
            assertThat(Path.of(first.folder()).resolve(file)).isNotEmptyFile();
        }
        assertThat(Files.readAllBytes(Path.of(first.folder()).resolve("fills.csv")))
                .isEqualTo(Files.readAllBytes(Path.of(second.folder()).resolve("fills.csv")));
        String html = Files.readString(Path.of(first.folder()).resolve("tearsheet.html"));
        assertThat(html).contains("id=\"sharpe\"").contains("max.drawdown").contains("<img src=\"equity.png\"");
        assertThat(progress.get(progress.size() - 1)).startsWith("done: 504 events");

        // The honest result of a 10/30 crossover on Apple's 2013 (a falling first half): printed for the record,
        // and checked only for what must hold whatever the market did.
        System.out.println("ma-cross 10/30 on AAPL 2013: " + first.metrics());
        assertThat(first.fills()).isPositive();
        assertThat(first.metrics().startEquity()).isEqualTo(100_000);
        assertThat(first.metrics().periods()).isEqualTo(253);
        assertThat(first.metrics().maxDrawdown()).isBetween(0.0, 1.0);

        assertThat(runner.list()).extracting(BacktestResult::runId).containsExactly("ma-cross-0001", "ma-cross-0002");
        assertThat(runner.list().get(0).metrics()).isEqualTo(first.metrics());
    }

    @Test
    void aSpecWithoutDataIsRefusedSayingWhatIsMissing() {
        assertThatThrownBy(() -> BacktestSpec.fromProperties(Map.of("strategy", "ma-cross")))
                .hasMessageContaining("data.1.file is required");
        assertThatThrownBy(() -> BacktestSpec.fromProperties(Map.of("data.1.file", "x.csv")))
                .hasMessageContaining("strategy is required");
        assertThatThrownBy(() -> BacktestSpec.fromProperties(Map.of("strategy", "s", "data.1.file", "x.csv",
                "data.1.format", "bars-csv", "data.1.symbol", "X", "slippage.bps", "five")))
                .hasMessageContaining("slippage.bps must be a number, got 'five'");
    }
}
