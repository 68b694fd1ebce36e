package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
        BacktestResult second = runner.run(spec, new MaCrossStrategy(), "test", line -> {});

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

    /**
     * The trade list (trades.csv: one line per round trip, their P&amp;L adding up to the round trips' of the metrics,
     * MAE ≤ P&amp;L ≤ MFE) and beta/alpha to a benchmark (Apple itself: a crossover long or flat has a beta between 0
     * and 1 to what it trades).
     */
    @Test
    void theTradeListAndBetaAlphaToABenchmark() throws IOException {
        Files.createDirectories(home.resolve("samples"));
        SampleData.copy(home.resolve("samples"), SampleData.APPLE_FILE);
        BacktestRunner runner = new BacktestRunner(new MarketDataFilesComponent(), home, home.resolve("backtests"));
        Map<String, String> settings = new HashMap<>(SPEC);
        settings.put("param.benchmark", "AAPL.NASDAQ");
        List<String> progress = new ArrayList<>();
        BacktestResult run = runner.run(BacktestSpec.fromProperties(settings), new MaCrossStrategy(), "test",
                progress::add);

        List<String> trades = Files.readAllLines(Path.of(run.folder()).resolve("trades.csv"));
        assertThat(trades.get(0)).isEqualTo("instrument,side,quantity,entry_time,entry_price,exit_time,exit_price,pnl,"
                + "mae,mfe");
        assertThat(trades).hasSize(run.metrics().trades() + 1);
        for (String line : trades.subList(1, trades.size())) {
            String[] c = line.split(",");
            assertThat(c[0]).isEqualTo("AAPL.NASDAQ");
            assertThat(c[1]).isEqualTo("LONG");
            assertThat(Double.parseDouble(c[8])).isLessThanOrEqualTo(Double.parseDouble(c[7]));
            assertThat(Double.parseDouble(c[9])).isGreaterThanOrEqualTo(Double.parseDouble(c[7]));
        }
        assertThat(progress).anyMatch(l -> l.startsWith("against AAPL.NASDAQ: beta "));
        Properties summary = new Properties();
        try (var reader = Files.newBufferedReader(Path.of(run.folder()).resolve("summary.properties"))) {
            summary.load(reader);
        }
        assertThat(Double.parseDouble(summary.getProperty("beta"))).isBetween(0.0, 1.0);
        assertThat(Files.readString(Path.of(run.folder()).resolve("tearsheet.html"))).contains("beta.AAPL.NASDAQ");

        // Fees per share with a minimum per order: 100 shares × 0.01 + 1 bp of ~45,000 ≈ 5.50 a fill, at least 10.
        settings.put("fee.per.share", "0.01");
        settings.put("fee.minimum", "10");
        BacktestResult fees = runner.run(BacktestSpec.fromProperties(settings), new MaCrossStrategy(), "test",
                line -> {});
        List<String> fills = Files.readAllLines(Path.of(fees.folder()).resolve("fills.csv"));
        assertThat(fills.subList(1, fills.size())).isNotEmpty()
                .allSatisfy(line -> assertThat(line.split(",")[7]).isEqualTo("10"));
        settings.put("fee.minimum", "-1");
        assertThatThrownBy(() -> BacktestSpec.fromProperties(settings))
                .hasMessage("fee.per.share and fee.minimum must not be negative, got 0.01 and -1");
        settings.remove("fee.minimum");

        settings.put("param.benchmark", "SPY");
        assertThatThrownBy(() -> runner.run(BacktestSpec.fromProperties(settings), new MaCrossStrategy(), "test",
                line -> {})).hasMessage("benchmark SPY is not in the data; its instruments: [AAPL.NASDAQ]");
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
