package org.nautilus.api.strategy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.PortfolioId;

/**
 * Which live trading to measure: a portfolio's fills (the OMS's audit journal) over a date range, marked to market.
 *
 * @param portfolio      the portfolio
 * @param from           the first time measured; fills before it make the positions held at its start
 * @param to             the last time measured ({@code null}: now, the last point marked at the current marks)
 * @param capital        the equity the portfolio starts with (before every fill), in its currency
 * @param interval       how often the equity curve is sampled (as a backtest's {@code equity.interval})
 * @param periodsPerYear how many points of the curve make a year
 * @since 1.4
 */
public record LiveTearsheetRequest(PortfolioId portfolio, Instant from, Instant to, BigDecimal capital,
        Duration interval, double periodsPerYear) {

    public LiveTearsheetRequest {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(capital, "capital");
        Objects.requireNonNull(interval, "interval");
        if (to != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("to " + to + " must be after from " + from);
        }
        if (capital.signum() <= 0) {
            throw new IllegalArgumentException("capital must be positive, got " + capital.toPlainString());
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
        if (!(periodsPerYear > 0)) {
            throw new IllegalArgumentException("periods per year must be positive, got " + periodsPerYear);
        }
    }
}
