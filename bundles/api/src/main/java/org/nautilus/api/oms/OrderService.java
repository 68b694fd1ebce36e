package org.nautilus.api.oms;

import java.util.List;
import java.util.Optional;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The order management system: the one entry point for orders, whatever their source (shell, HTTP, FIX,
 * strategies, routes).
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
}
