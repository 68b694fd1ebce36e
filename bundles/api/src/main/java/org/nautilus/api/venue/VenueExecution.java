package org.nautilus.api.venue;

import java.time.Instant;
import java.util.Objects;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;

/**
 * One execution (trade) the venue reports, as a reconciliation query sees it.
 *
 * @param executionId  the venue's unique id of the execution: the same id its FILL report carried, so a fill is
 *                     never booked twice
 * @param orderId      the OMS order id, {@code null} for an execution of an order the OMS did not send
 * @param venueOrderId the venue's own id of the order
 * @param instrumentId the instrument
 * @param side         buy or sell
 * @param quantity     executed quantity (positive)
 * @param price        execution price
 * @param commission   fee charged
 * @param timestamp    venue time of the execution
 * @since 1.3
 */
public record VenueExecution(String executionId, OrderId orderId, String venueOrderId, InstrumentId instrumentId,
        Side side, Quantity quantity, Price price, Money commission,
        Instant timestamp) {

    public VenueExecution {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(timestamp, "timestamp");
        if (!Objects.requireNonNull(quantity, "quantity").isPositive()) {
            throw new IllegalArgumentException("an execution's quantity must be positive, got " + quantity);
        }
    }

    /** The FILL report this execution stands for, for the OMS order {@code id}. */
    public ExecutionReport toFill(OrderId id, VenueId venue) {
        return ExecutionReport.fill(id, venue, executionId, quantity, price, commission, timestamp);
    }
}
