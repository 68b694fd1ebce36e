package org.nautilus.rest.internal;

import java.time.Instant;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;

/** An order as the API shows it: flat, with the request's fields beside its state. */
public record OrderView(String id, String clientOrderId, String portfolio, String symbol, Side side, OrderType type,
        Quantity quantity, Price limitPrice, Price stopPrice, TimeInForce timeInForce, Instant expireTime,
        String requestedVenue, boolean postOnly, boolean reduceOnly, OrderStatus status,
        Quantity filledQuantity, Quantity leavesQuantity, Price averagePrice, String venue,
        String reason, RejectCode rejectCode, Instant createdAt, Instant updatedAt) {

    public static OrderView of(Order order) {
        OrderRequest request = order.request();
        return new OrderView(order.id().toString(), request.clientOrderId().value(), request.portfolioId().value(),
                request.instrumentId().value(), request.side(), request.type(), request.quantity(),
                request.limitPrice(), request.stopPrice(), request.timeInForce(), request.expireTime(),
                request.venueId() == null ? null : request.venueId().value(), request.postOnly(), request.reduceOnly(),
                order.status(), order.filledQuantity(), order.leavesQuantity(), order.averagePrice(),
                order.venueId() == null ? null : order.venueId().value(), order.reason(), order.refusalCode(),
                order.createdAt(),
                order.updatedAt());
    }
}
