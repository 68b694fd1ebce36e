package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.api.domain.OrderStatus.PENDING_UPDATE;

import java.time.Clock;
import java.time.Instant;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.venue.Venue;
import org.nautilus.oms.internal.routing.VenueDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's path of a cancel or an amend (cancel-replace), on the order's partition writer: what may be asked
 * in which state, the checks an amend needs (validation, and risk when the quantity grows), and the request to the
 * venue, whose answer arrives as an execution report.
 */
final class CancelAndAmend {

    private static final Logger LOG = LoggerFactory.getLogger(CancelAndAmend.class);

    private final Clock clock;
    private final OrderValidator validator;
    private final VenueDirectory venues;
    private final Transitions transitions;
    private final SplitOrders splitOrders;
    private final NewOrders newOrders;

    CancelAndAmend(Clock clock, OrderValidator validator, VenueDirectory venues, Transitions transitions,
            SplitOrders splitOrders, NewOrders newOrders) {
        this.clock = clock;
        this.validator = validator;
        this.venues = venues;
        this.transitions = transitions;
        this.splitOrders = splitOrders;
        this.newOrders = newOrders;
    }

    /** @param why recorded as the cancel's reason when the venue confirms it; {@code null}: on request */
    CommandResult cancel(OrderRecord record, String why) {
        OrderStatus status = record.status();
        Instant now = clock.instant();
        if (status.isTerminal()) {
            return CommandResult.refused("ORDER_TERMINAL",
                    "order " + record.id + " is " + status + "; there is nothing to cancel", record.snapshot());
        }
        if (status == PENDING_CANCEL) {
            return CommandResult.refused("CANCEL_PENDING",
                    "order " + record.id + " already has a cancel pending", record.snapshot());
        }
        if (status == PENDING_UPDATE) {
            return CommandResult.refused("AMEND_PENDING",
                    "order " + record.id + " has an amend pending; cancel after its answer", record.snapshot());
        }
        if (status == INITIALIZED) {
            transitions.transition(record, CANCELED, OrderEventType.CANCELED,
                    why != null ? why : "canceled before it was sent", now);
            return CommandResult.accepted(record.snapshot(), "canceled");
        }
        record.cancelRequested = true;
        if (record.splitParts != null) {
            record.resumeStatus = status;
            transitions.transition(record, PENDING_CANCEL, OrderEventType.PENDING_CANCEL, null, now);
            for (OrderRecord part : record.splitParts) {
                if (part.status().isOpen() && part.status() != PENDING_CANCEL) {
                    cancel(part, why);
                }
            }
            splitOrders.finishSplit(record, now);
            return CommandResult.accepted(record.snapshot(), "cancel sent");
        }
        Venue venue = record.venue;
        if (venue == null || !venues.isRegistered(venue)) {
            transitions.transition(record, CANCELED, OrderEventType.CANCELED,
                    "venue " + record.request().venueId() + " removed; canceled locally", now);
            return CommandResult.accepted(record.snapshot(), "canceled");
        }
        record.resumeStatus = status;
        record.cancelReason = why;
        transitions.transition(record, PENDING_CANCEL, OrderEventType.PENDING_CANCEL, null, now);
        try {
            venue.cancel(record.snapshot(), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to cancel order {}", venue.id(), record.id, e);
            record.cancelRequested = false;
            transitions.transition(record, record.resumeStatus, OrderEventType.CANCEL_REJECTED,
                    "venue " + venue.id() + " failed to cancel: " + e.getMessage(), clock.instant());
            return CommandResult.refused("VENUE_ERROR", "venue " + venue.id() + " failed to cancel: " + e.getMessage(),
                    record.snapshot());
        }
        return CommandResult.accepted(record.snapshot(), "cancel sent");
    }

    CommandResult amend(OrderRecord record, Quantity quantity, Price price) {
        OrderStatus status = record.status();
        Instant now = clock.instant();
        if (quantity == null && price == null) {
            return CommandResult.refused("NOTHING_TO_AMEND", "give a new quantity, a new price or both",
                    record.snapshot());
        }
        if (status.isTerminal()) {
            return CommandResult.refused("ORDER_TERMINAL",
                    "order " + record.id + " is " + status + "; it cannot be amended", record.snapshot());
        }
        if (status == PENDING_CANCEL) {
            return CommandResult.refused("CANCEL_PENDING", "order " + record.id + " has a cancel pending",
                    record.snapshot());
        }
        if (status == PENDING_UPDATE) {
            return CommandResult.refused("AMEND_PENDING",
                    "order " + record.id + " already has an amend pending", record.snapshot());
        }
        if (record.splitParts != null) {
            return CommandResult.refused("AMEND_UNSUPPORTED", "order " + record.id
                    + " is split across venues; cancel it and submit a new one", record.snapshot());
        }
        OrderRequest current = record.request();
        OrderRequest amended = current;
        if (quantity != null) {
            if (quantity.compareTo(record.filled()) <= 0) {
                return CommandResult.refused("AMEND_INVALID", "new quantity " + quantity + " is not above the "
                        + record.filled() + " already filled; cancel the order instead", record.snapshot());
            }
            amended = amended.withQuantity(quantity);
        }
        if (price != null) {
            if (current.type() == OrderType.MARKET) {
                return CommandResult.refused("AMEND_INVALID", "a MARKET order has no price to amend",
                        record.snapshot());
            }
            try {
                amended = current.type() == OrderType.STOP ? withStopPrice(amended, price)
                        : amended.withLimitPrice(price);
            } catch (IllegalArgumentException e) {
                return CommandResult.refused("AMEND_INVALID", e.getMessage(), record.snapshot());
            }
        }
        if (amended.equals(current)) {
            return CommandResult.refused("NOTHING_TO_AMEND", "the order already has that quantity and price",
                    record.snapshot());
        }
        RiskDecision valid = validator.validate(amended, now);
        if (!valid.approved()) {
            return CommandResult.refused("AMEND_INVALID", valid.describe(), record.snapshot());
        }
        RiskDecision allowed = newOrders.checkAmend(record.snapshot(), amended);
        if (!allowed.approved()) {
            return NewOrders.riskRefused(allowed, record.snapshot());
        }
        if (amended.quantity().compareTo(current.quantity()) > 0) {
            // More quantity is more risk: pre-trade risk sees the order as it would be.
            RiskDecision decision = newOrders.checkRisk(amended);
            if (!decision.approved()) {
                return NewOrders.riskRefused(decision, record.snapshot());
            }
        }
        if (status == INITIALIZED) {
            record.changeRequest(amended, INITIALIZED, null, now);
            transitions.emit(record, OrderEventType.UPDATED, null, null, now);
            return CommandResult.accepted(record.snapshot(), "amended");
        }
        Venue venue = record.venue;
        if (venue == null || !venues.isRegistered(venue)) {
            return CommandResult.refused("VENUE_GONE", "venue " + current.venueId()
                    + " was removed; the order can only be canceled", record.snapshot());
        }
        if (!venue.supportsAmend()) {
            return CommandResult.refused("AMEND_UNSUPPORTED", "venue " + venue.id()
                    + " does not support amends; cancel the order and submit a new one", record.snapshot());
        }
        record.resumeStatus = status;
        record.pendingAmend = amended;
        transitions.transition(record, PENDING_UPDATE, OrderEventType.PENDING_UPDATE, null, now);
        try {
            venue.amend(record.amendedView(amended, now), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to amend order {}", venue.id(), record.id, e);
            record.pendingAmend = null;
            transitions.transition(record, record.resumeStatus, OrderEventType.UPDATE_REJECTED,
                    "venue " + venue.id() + " failed to amend: " + e.getMessage(), clock.instant());
            return CommandResult.refused("VENUE_ERROR", "venue " + venue.id() + " failed to amend: " + e.getMessage(),
                    record.snapshot());
        }
        return CommandResult.accepted(record.snapshot(), "amend sent");
    }

    private static OrderRequest withStopPrice(OrderRequest r, Price stop) {
        return new OrderRequest(r.clientOrderId(), r.portfolioId(), r.instrumentId(), r.side(), r.type(), r.quantity(),
                r.limitPrice(), stop, r.timeInForce(), r.expireTime(), r.venueId(), r.postOnly(), r.reduceOnly());
    }

    static String describeCancel(Order order) {
        return switch (order.status()) {
            case CANCELED -> "order " + order.id() + " canceled";
            case PENDING_CANCEL -> "cancel of order " + order.id() + " sent to " + order.venueId()
                    + "; waiting for its answer";
            default -> "cancel of order " + order.id() + " overtaken: order is " + order.status();
        };
    }

    static String describeAmend(Order order) {
        return switch (order.status()) {
            case PENDING_UPDATE -> "amend of order " + order.id() + " sent to " + order.venueId()
                    + "; waiting for its answer";
            case INITIALIZED -> "order " + order.id() + " amended before it was sent";
            default -> order.reason() == null ? "order " + order.id() + " amended: " + order.quantity()
                    + (order.request().limitPrice() != null ? " @ " + order.request().limitPrice() : "")
                    : "amend of order " + order.id() + ": " + order.reason();
        };
    }
}
