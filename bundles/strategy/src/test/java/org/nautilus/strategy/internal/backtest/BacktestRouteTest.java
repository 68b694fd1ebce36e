package org.nautilus.strategy.internal.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestService;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.replay.MarketDataFilesComponent;
import org.nautilus.routes.internal.runtime.CamelRuntime;
import org.nautilus.routes.internal.training.BacktestEndpoint;
import org.nautilus.strategy.macross.internal.MaCrossStrategy;
import org.nautilus.testsupport.Await;

/**
 * A route step that runs a backtest ({@code to: nautilus:backtest?spec=FILE}): the route file loaded by the platform's
 * Camel runtime, the backtest run by the real runner (OMS, risk, simulated exchange, positions) and stored; the body
 * is the result. A spec that cannot be read fails the exchange naming the key.
 */
class BacktestRouteTest {

    @TempDir
    Path home;

    @Test
    void aRouteStepRunsTheBacktestOfItsSpecFileAndTheStoredResultIsTheBody() throws Exception {
        Files.createDirectories(home.resolve("samples"));
        SampleData.copy(home.resolve("samples"), SampleData.APPLE_FILE);
        Path spec = home.resolve("ma-cross.properties");
        Files.writeString(spec, String.join("\n", "strategy = ma-cross",
                "data.1.file = samples/" + SampleData.APPLE_FILE, "data.1.format = bars-csv",
                "data.1.symbol = AAPL.NASDAQ", "data.1.interval = P1D", "param.fast = 10", "param.slow = 30",
                "param.quantity = 100", "initial.cash = 100000"));
        BacktestRunner runner = new BacktestRunner(new MarketDataFilesComponent(), home, home.resolve("backtests"));
        BacktestService backtests = new BacktestService() {
            @Override
            public BacktestResult run(BacktestSpec s, Consumer<String> progress) {
                return runner.run(s, new MaCrossStrategy(), "test", progress);
            }

            @Override
            public List<BacktestResult> backtests() {
                return runner.list();
            }

            @Override
            public Optional<BacktestResult> backtest(String runId) {
                return backtests().stream().filter(r -> r.runId().equals(runId)).findFirst();
            }
        };
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("backtest.yaml"), """
                - route:
                    id: backtest-on-demand
                    from:
                      uri: "direct:backtest"
                      steps:
                        - to: "nautilus:backtest?spec=%s"
                """.formatted(spec));
        try (CamelRuntime runtime = new CamelRuntime(getClass().getClassLoader(),
                new Gateways(() -> null).withBacktests(() -> backtests), Clock.systemUTC())) {
            runtime.watch(routes, Duration.ofSeconds(10));
            Await.until("the route", Duration.ofSeconds(10),
                    () -> runtime.context().getRoute("backtest-on-demand") != null);
            ProducerTemplate producer = runtime.context().createProducerTemplate();

            BacktestResult result = producer.requestBody("direct:backtest", null, BacktestResult.class);

            assertThat(result.runId()).isEqualTo("ma-cross-0001");
            assertThat(result.fills()).isPositive();
            assertThat(Path.of(result.folder()).resolve("tearsheet.html")).isNotEmptyFile();
            assertThat(backtests.backtests()).extracting(BacktestResult::runId).containsExactly("ma-cross-0001");

            Path bad = home.resolve("bad.properties");
            Files.writeString(bad, "strategy = ma-cross\n");
            assertThatThrownBy(() -> producer.requestBodyAndHeader("direct:backtest", null, BacktestEndpoint.SPEC,
                    bad.toString())).rootCause().isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("data");
            assertThat(backtests.backtests()).hasSize(1);
        }
    }
}
