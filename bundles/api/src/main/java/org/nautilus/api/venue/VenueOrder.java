package org.nautilus.api.venue;

import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;

/**
 * An order the venue reports as open, as a reconciliation query sees it.
 *
 * @param orderId        the OMS order id the order was sent with, {@code null} if the venue has no such reference
 *                       (an order placed by someone else: "external")
 * @param venueOrderId   the venue's own id of the order
 * @param instrumentId   the instrument
 * @param side           buy or sell
 * @param quantity       the order's total quantity (positive)
 * @param filledQuantity how much of it the venue has executed
 * @param limitPrice     the limit price, {@code null} for a market order
 * @since 1.3
 */
public record VenueOrder(OrderId orderId, String venueOrderId, InstrumentId instrumentId, Side side,
        Quantity quantity, Quantity filledQuantity, Price limitPrice) {

    public VenueOrder {
        Objects.requireNonNull(venueOrderId, "venueOrderId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("an open order's quantity must be positive, got " + quantity);
        }
    }
}
