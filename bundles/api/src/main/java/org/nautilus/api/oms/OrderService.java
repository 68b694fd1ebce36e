package org.nautilus.api.oms;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The order management system: the one entry point for orders, whatever their source (shell, HTTP, FIX,
 * strategies, routes).
 *
 * <p>Commands ({@code submit}, {@code cancel}, {@code amend}) return after the OMS applied them, handed them to
 * the venue and applied the venue's synchronous answers: a venue that fills at once yields a FILLED order; a
 * venue that answers later yields a SUBMITTED order (or PENDING_CANCEL, PENDING_UPDATE) whose next states
 * arrive through the {@link OrderStepListener}s and, once durable, the {@link OrderEventSubscriber}s.
 */
@ProviderType
public interface OrderService {

    /**
     * Submits a new order: pre-trade risk, routing, then the venue. Idempotent on the client order id: a
     * repeated submit returns the existing order and creates nothing.
     *
     * @return the order as it stands when the call returns; a DENIED order carries the risk rule's reason
     */
    Order submit(OrderRequest request);

    /**
     * Submits like {@link #submit(OrderRequest)} without a thread waiting for the order to be durable: the stage
     * completes with the order once it is (or fails, e.g. with the retryable
     * {@link OrderServiceUnavailableException}). What a gateway with many orders in flight uses. Actions attached to
     * the stage may run on a thread of the store's (its acknowledger): they must be short and must not block. This
     * default submits synchronously and returns a completed stage.
     */
    default CompletionStage<Order> submitAsync(OrderRequest request) {
        try {
            return CompletableFuture.completedFuture(submit(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Submits orders with a contingency between them (OCO, OTO, bracket; see {@link ContingencyType}). The list
     * is checked as a whole: if one order fails validation, pre-trade risk or routing, every order of the list
     * is DENIED with that reason. Orders an OTO holds back are checked by risk when they are released.
     * Idempotent: if a client order id of the list is already known, the existing orders of the list's client
     * ids are returned and nothing is created.
     *
     * @return the orders in list order, as they stand when the call returns
     */
    List<Order> submit(OrderList list);

    /**
     * Cancel-replace: asks the venue to change an open order's quantity and/or price, keeping its id.
     * {@code price} is the new limit price of a LIMIT or STOP_LIMIT order, or the new stop price of a STOP order.
     * The order is PENDING_UPDATE until the venue answers (UPDATED: new values; refused: unchanged).
     *
     * @param quantity the new total quantity (fills included), or {@code null} to keep it; must be above the
     *                 filled quantity
     * @param price    the new price, or {@code null} to keep it
     * @return the outcome; a refused amend (unknown or terminal order, pending request, invalid values, a venue
     *         without amends) changed nothing
     */
    CommandResult amend(OrderId orderId, Quantity quantity, Price price);

    /**
     * Asks the venue to cancel an open order.
     *
     * @return the outcome; a terminal or unknown order is refused with a reason and nothing changes
     */
    CommandResult cancel(OrderId orderId);

    Optional<Order> order(OrderId orderId);

    Optional<Order> order(ClientOrderId clientOrderId);

    /** All orders, oldest first. */
    List<Order> orders();

    /** The fills of one order, in execution order. */
    List<Fill> fills(OrderId orderId);

    /** The events of one order, oldest first: its full history. Empty for an unknown order. */
    List<OrderEvent> events(OrderId orderId);
}
