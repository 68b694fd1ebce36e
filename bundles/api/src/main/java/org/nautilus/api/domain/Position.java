package org.nautilus.api.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The net position of one portfolio in one instrument: always the result of applying its fills in order.
 *
 * @param portfolioId  the portfolio
 * @param instrumentId the instrument
 * @param quantity     signed: positive long, negative short, zero flat
 * @param averagePrice average entry price of the open quantity ({@link Price#ZERO} when flat)
 * @param realizedPnl  P&amp;L realized by closing trades, before commissions
 * @param commissions  total commissions paid
 * @param fillCount    number of fills applied
 * @param updatedAt    time of the last fill
 */
public record Position(PortfolioId portfolioId, InstrumentId instrumentId, Quantity quantity, Price averagePrice,
        Money realizedPnl, Money commissions, long fillCount, Instant updatedAt) {

    public Position {
        Objects.requireNonNull(portfolioId, "portfolioId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(averagePrice, "averagePrice");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(commissions, "commissions");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Position flat(PortfolioId portfolioId, InstrumentId instrumentId, Instant at) {
        return new Position(portfolioId, instrumentId, Quantity.ZERO, Price.ZERO, Money.ZERO, Money.ZERO, 0, at);
    }

    public boolean isFlat() {
        return quantity.isZero();
    }

    /** Unrealized P&amp;L of the open quantity marked at {@code mark}: (mark − average) × quantity. */
    public Money unrealizedPnl(Price mark) {
        return new Money(FixedPoint.multiply(mark.minus(averagePrice).raw(), quantity.raw()));
    }
}
