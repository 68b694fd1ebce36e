package org.nautilus.api.oms;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;

/**
 * Orders submitted together with a contingency between them. All orders are for one portfolio and have
 * distinct client order ids.
 *
 * <ul>
 *   <li>{@link ContingencyType#OCO}: two or more orders.</li>
 *   <li>{@link ContingencyType#OTO}: the first order triggers the others (one or more).</li>
 *   <li>{@link ContingencyType#BRACKET}: exactly three: the entry, then the take-profit (a LIMIT on the other
 *       side), then the stop-loss (a STOP or STOP_LIMIT on the other side), all for the same instrument and the
 *       exits for the entry's quantity.</li>
 * </ul>
 *
 * @param type   the contingency
 * @param orders the orders, in the order described above
 */
public record OrderList(ContingencyType type, List<OrderRequest> orders) {

    public OrderList {
        Objects.requireNonNull(type, "type");
        orders = List.copyOf(orders);
        int min = type == ContingencyType.BRACKET ? 3 : 2;
        if (orders.size() < min || (type == ContingencyType.BRACKET && orders.size() != 3)) {
            throw new IllegalArgumentException(type == ContingencyType.BRACKET
                    ? "a BRACKET has exactly 3 orders (entry, take-profit, stop-loss), got " + orders.size()
                    : "an " + type + " list needs at least 2 orders, got " + orders.size());
        }
        OrderRequest first = orders.get(0);
        Set<ClientOrderId> ids = new HashSet<>();
        for (OrderRequest request : orders) {
            if (!request.portfolioId().equals(first.portfolioId())) {
                throw new IllegalArgumentException("all orders of a list must be for one portfolio: "
                        + first.portfolioId() + " and " + request.portfolioId());
            }
            if (!ids.add(request.clientOrderId())) {
                throw new IllegalArgumentException("client order id " + request.clientOrderId() + " appears twice");
            }
        }
        if (type == ContingencyType.BRACKET) {
            OrderRequest takeProfit = orders.get(1);
            OrderRequest stopLoss = orders.get(2);
            for (OrderRequest exit : List.of(takeProfit, stopLoss)) {
                if (!exit.instrumentId().equals(first.instrumentId()) || exit.side() != first.side().opposite()
                        || !exit.quantity().equals(first.quantity())) {
                    throw new IllegalArgumentException("a bracket's exits must be " + first.side().opposite() + " "
                            + first.quantity() + " " + first.instrumentId() + ", got " + exit.side() + " "
                            + exit.quantity() + " " + exit.instrumentId());
                }
            }
            if (takeProfit.type() != OrderType.LIMIT) {
                throw new IllegalArgumentException("a bracket's take-profit must be a LIMIT order, got "
                        + takeProfit.type());
            }
            if (!stopLoss.type().needsStopPrice()) {
                throw new IllegalArgumentException("a bracket's stop-loss must be a STOP or STOP_LIMIT order, got "
                        + stopLoss.type());
            }
        }
    }

    public static OrderList oco(OrderRequest first, OrderRequest second, OrderRequest... more) {
        return new OrderList(ContingencyType.OCO, concat(first, second, more));
    }

    public static OrderList oto(OrderRequest parent, OrderRequest child, OrderRequest... more) {
        return new OrderList(ContingencyType.OTO, concat(parent, child, more));
    }

    public static OrderList bracket(OrderRequest entry, OrderRequest takeProfit, OrderRequest stopLoss) {
        return new OrderList(ContingencyType.BRACKET, List.of(entry, takeProfit, stopLoss));
    }

    private static List<OrderRequest> concat(OrderRequest a, OrderRequest b, OrderRequest[] more) {
        OrderRequest[] all = new OrderRequest[2 + more.length];
        all[0] = a;
        all[1] = b;
        System.arraycopy(more, 0, all, 2, more.length);
        return List.of(all);
    }
}
