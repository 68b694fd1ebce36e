package org.nautilus.rest.internal;

import java.math.BigDecimal;
import java.util.List;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;

/** The request bodies of the order resource, read strictly by {@link Json#readBody}. */
final class OrderBodies {

    private OrderBodies() {
    }

    /** A new order. Required: symbol, side, quantity; the rest has the shell's defaults. */
    record Submit(String clientOrderId, String portfolio, String symbol, Side side, OrderType type, BigDecimal quantity,
            BigDecimal limitPrice, BigDecimal stopPrice, TimeInForce timeInForce, String expireTime, String venue,
            Boolean postOnly, Boolean reduceOnly) {
    }

    /** Independent new orders sent in one request ({@code POST /api/v1/orders:batch}). */
    record Batch(List<Submit> orders) {
    }

    /** A new quantity, a new limit price, or both. */
    record Amend(BigDecimal quantity, BigDecimal price) {
    }

    /** Which open orders to cancel: those of a portfolio, of a symbol, or both; neither means every open order. */
    record CancelAll(String portfolio, String symbol) {
    }
}
