package org.nautilus.api.strategy;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.PortfolioId;

/**
 * The analytics of a live portfolio over a date range, as a backtest's: metrics, and a folder with the tearsheet,
 * its charts, the fills, equity curve and trade list.
 *
 * @param id        its id (the portfolio and a counter)
 * @param portfolio the portfolio
 * @param from      the first time measured
 * @param to        the last time measured
 * @param fills     fills inside the range
 * @param metrics   the performance
 * @param folder    where its files are ({@code tearsheet.html}, PNG charts, {@code fills.csv}, {@code equity.csv},
 *                  {@code trades.csv})
 * @param benchmark beta and alpha to the requested benchmark, or {@code null} when none was asked (since 1.5)
 * @since 1.4
 */
public record LiveTearsheet(String id, PortfolioId portfolio, Instant from, Instant to, long fills,
        PerformanceMetrics metrics, String folder, BenchmarkComparison benchmark) {

    public LiveTearsheet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(metrics, "metrics");
    }
}
