package org.nautilus.api.venue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;

/**
 * What the smart order router decided for one order, and why.
 *
 * @param orderId       the order
 * @param clientOrderId its client order id
 * @param instrumentId  what it trades
 * @param side          BUY or SELL
 * @param quantity      the order's quantity
 * @param allocations   where it went: one venue, or several when it was split; empty when no venue fits
 * @param reason        the reason in words, naming the numbers it compared (prices, fees, fill rates, sizes)
 * @param timestamp     when it was decided
 */
public record RoutingDecision(OrderId orderId, ClientOrderId clientOrderId, InstrumentId instrumentId, Side side,
        Quantity quantity, List<RouteAllocation> allocations, String reason,
        Instant timestamp) {

    public RoutingDecision {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timestamp, "timestamp");
        allocations = List.copyOf(allocations);
    }

    public boolean routed() {
        return !allocations.isEmpty();
    }

    public boolean split() {
        return allocations.size() > 1;
    }
}
