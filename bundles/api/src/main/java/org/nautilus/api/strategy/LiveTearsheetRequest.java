package org.nautilus.api.strategy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.research.store.TimeRange;

/**
 * Which live trading to measure: a portfolio's fills (the OMS's audit journal) over a date range, marked to market.
 *
 * @param portfolio      the portfolio
 * @param from           the first time measured; fills before it make the positions held at its start
 * @param to             the last time measured ({@code null}: now, the last point marked at the current marks)
 * @param capital        the equity the portfolio starts with (before every fill), in its currency
 * @param interval       how often the equity curve is sampled (as a backtest's {@code equity.interval})
 * @param periodsPerYear how many points of the curve make a year
 * @param benchmark      the instrument whose prices (its bars) the returns are regressed on for beta and alpha, or
 *                       {@code null} for none (since 1.5)
 * @since 1.4
 */
public record LiveTearsheetRequest(PortfolioId portfolio, Instant from, Instant to, BigDecimal capital,
        Duration interval, double periodsPerYear, InstrumentId benchmark) {

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

    /**
     * A request as the shell and HTTP take one, as text ({@code null} or blank: the default).
     *
     * @param from           a day ({@code 2024-03-04}: its start) or an instant; required
     * @param to             a day (its end) or an instant; default now
     * @param capital        default 100000
     * @param interval       an ISO-8601 duration; default P1D
     * @param periodsPerYear default 252
     * @param benchmark      an instrument's symbol; default none
     * @throws IllegalArgumentException naming the value that cannot be read
     */
    public static LiveTearsheetRequest parse(String portfolio, String from, String to, String capital,
            String interval, String periodsPerYear, String benchmark) {
        if (blank(portfolio)) {
            throw new IllegalArgumentException("a portfolio is required");
        }
        if (blank(from)) {
            throw new IllegalArgumentException("from is required: a day (2024-03-04) or an instant");
        }
        Instant start;
        try {
            String f = from.strip();
            start = f.length() == 10 ? LocalDate.parse(f).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(f);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("from '" + from
                    + "' is not a day (2024-03-04: its start) or an instant (2024-03-04T14:30:00Z)");
        }
        Instant end = blank(to) ? null : TimeRange.moment("to", to);
        BigDecimal cash;
        double periods;
        Duration every;
        try {
            cash = blank(capital) ? new BigDecimal("100000") : new BigDecimal(capital.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("capital '" + capital + "' is not a number");
        }
        try {
            periods = blank(periodsPerYear) ? 252 : Double.parseDouble(periodsPerYear.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("periods per year '" + periodsPerYear + "' is not a number");
        }
        try {
            every = blank(interval) ? Duration.ofDays(1) : Duration.parse(interval.strip().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("interval '" + interval + "' is not an ISO-8601 duration (P1D, PT1M)");
        }
        InstrumentId against;
        try {
            against = blank(benchmark) ? null : InstrumentId.of(benchmark.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("benchmark '" + benchmark + "' is not an instrument symbol: "
                    + e.getMessage());
        }
        return new LiveTearsheetRequest(PortfolioId.of(portfolio.strip()), start, end, cash, every, periods,
                against);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
