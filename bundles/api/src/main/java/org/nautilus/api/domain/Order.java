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
 * @param reason           why the order was denied, rejected, canceled or expired, otherwise {@code null}; text for
 *                         people (a refusal's code is {@code rejectCode}, never a suffix of this text)
 * @param rejectCode       why a DENIED or REJECTED order was refused, as a value; {@code null} for any other status
 *                         (and for a refused order recorded before codes were kept: see {@link #refusalCode()})
 * @param createdAt        when the OMS received it
 * @param updatedAt        the time of the last change
 */
public record Order(OrderId id, OrderRequest request, OrderStatus status, Quantity filledQuantity,
        Price averagePrice, VenueId venueId, String reason, RejectCode rejectCode, Instant createdAt,
        Instant updatedAt) {

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
        if (rejectCode != null && status != OrderStatus.DENIED && status != OrderStatus.REJECTED) {
            throw new IllegalArgumentException(
                    "order " + id + ": a reject code (" + rejectCode + ") belongs to a DENIED"
                            + " or REJECTED order, not a " + status + " one");
        }
    }

    /** An order that was not refused: no reject code. */
    public Order(OrderId id, OrderRequest request, OrderStatus status, Quantity filledQuantity, Price averagePrice,
            VenueId venueId, String reason, Instant createdAt, Instant updatedAt) {
        this(id, request, status, filledQuantity, averagePrice, venueId, reason, null, createdAt, updatedAt);
    }

    /**
     * The code to show for a refused order: its {@link #rejectCode()}, else {@link RejectCode#RISK_DENIED} for a
     * DENIED order and {@link RejectCode#VENUE_REJECTED} for a REJECTED one; {@code null} if it was not refused.
     */
    public RejectCode refusalCode() {
        return RejectCode.orDefault(rejectCode, status);
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
