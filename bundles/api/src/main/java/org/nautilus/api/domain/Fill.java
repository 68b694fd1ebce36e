package org.nautilus.api.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One execution of an order at a venue.
 *
 * @param executionId  the venue's unique id of this execution (duplicates are ignored)
 * @param orderId      the order that traded
 * @param portfolioId  the portfolio it traded for
 * @param instrumentId what traded
 * @param venueId      where it traded
 * @param side         the order's side
 * @param quantity     positive executed quantity
 * @param price        execution price
 * @param commission   fee charged (negative for a rebate), in the instrument's currency
 * @param timestamp    when it traded
 */
public record Fill(String executionId, OrderId orderId, PortfolioId portfolioId, InstrumentId instrumentId,
        VenueId venueId, Side side, Quantity quantity, Price price, Money commission, Instant timestamp) {

    public Fill {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(portfolioId, "portfolioId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(venueId, "venueId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("fill quantity must be positive, got " + quantity);
        }
    }

    /** The signed quantity this fill adds to a position: positive for BUY, negative for SELL. */
    public Quantity signedQuantity() {
        return side == Side.BUY ? quantity : quantity.negate();
    }
}
