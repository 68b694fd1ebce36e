package org.nautilus.api.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The OMS's view of one order at one moment: an immutable snapshot. A change of state gives a new
 * snapshot; the history is the order's event stream.
 *
 * @param id               the OMS's order id
 * @param request          what was asked for (after any amend: the current price and quantity)
 * @param status           the state in the order state machine
 * @param filledQuantity   total executed quantity
 * @param averagePrice     volume-weighted average fill price, {@code null} before the first fill
 * @param venueId          where the order was routed, {@code null} before routing
 * @param reason           why the order was denied, rejected, canceled or expired, otherwise {@code null}
 * @param createdAt        when the OMS received it
 * @param updatedAt        the time of the last change
 */
public record Order(OrderId id, OrderRequest request, OrderStatus status, Quantity filledQuantity,
                    Price averagePrice, VenueId venueId, String reason, Instant createdAt, Instant updatedAt) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (filledQuantity.compareTo(request.quantity()) > 0) {
            throw new IllegalArgumentException("order " + id + ": filled " + filledQuantity
                    + " exceeds quantity " + request.quantity());
        }
    }

    public ClientOrderId clientOrderId() {
        return request.clientOrderId();
    }

    public PortfolioId portfolioId() {
        return request.portfolioId();
    }

    public InstrumentId instrumentId() {
        return request.instrumentId();
    }

    public Side side() {
        return request.side();
    }

    public Quantity quantity() {
        return request.quantity();
    }

    /** What is still to be filled. */
    public Quantity leavesQuantity() {
        return status.isTerminal() ? Quantity.ZERO : request.quantity().minus(filledQuantity);
    }
}
