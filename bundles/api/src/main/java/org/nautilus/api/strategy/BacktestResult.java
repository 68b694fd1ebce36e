package org.nautilus.api.strategy;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored backtest run.
 *
 * @param runId        its id (the strategy, the start of the run and a counter)
 * @param strategy     the strategy's name
 * @param strategyVersion the version of the bundle that provided it (or "unknown")
 * @param parameters   the parameters it ran with
 * @param dataFrom     the first data time
 * @param dataTo       the last data time
 * @param events       market data events replayed
 * @param orders       orders the strategy submitted
 * @param fills        fills
 * @param metrics      the performance
 * @param digest       SHA-256 of the orders, fills and equity curve: equal digests, equal runs
 * @param folder       where the run's files are (summary, orders, fills, equity, tearsheet)
 */
public record BacktestResult(String runId, String strategy, String strategyVersion, Map<String, String> parameters,
        Instant dataFrom, Instant dataTo, long events, long orders, long fills,
        PerformanceMetrics metrics, String digest, String folder) {

    public BacktestResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(metrics, "metrics");
        parameters = Map.copyOf(parameters);
    }
}
