package org.nautilus.api.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.PortfolioId;

/**
 * The start-of-day P&amp;L baseline of one portfolio, which the daily loss limit measures against: kept durably
 * so that a restart during the day does not forget the morning's losses.
 *
 * @param portfolio  the portfolio
 * @param day        the trading day it is the baseline of
 * @param realized   realized P&amp;L to date (after commissions) at the start of the day
 * @param unrealized unrealized P&amp;L at the start of the day
 * @param recordedAt when it was taken
 */
public record DailyPnlBaseline(PortfolioId portfolio, LocalDate day, Money realized, Money unrealized,
        Instant recordedAt) {

    public DailyPnlBaseline {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(realized, "realized");
        Objects.requireNonNull(unrealized, "unrealized");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
