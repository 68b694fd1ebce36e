package org.nautilus.risk.rule.killswitch.internal;

import java.util.function.Predicate;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels the open orders of one portfolio, or of every portfolio, through the OMS's public {@link OrderService}:
 * what a HALT does besides denying new orders. An order already PENDING_CANCEL is left to its cancel; a cancel the
 * OMS refuses (the venue gone, the order filled meanwhile) is counted and logged, never retried here.
 */
final class OpenOrderCanceller {

    private static final Logger LOG = LoggerFactory.getLogger(OpenOrderCanceller.class);

    /**
     * @param canceled cancels the OMS accepted
     * @param refused  cancels it refused
     * @param waiting  open orders left for later (their venue not ready for a cancel yet)
     */
    record Result(int canceled, int refused, int waiting) {

        static final Result NONE = new Result(0, 0, 0);

        Result(int canceled, int refused) {
            this(canceled, refused, 0);
        }
    }

    private OpenOrderCanceller() {
    }

    /**
     * Cancels the open orders of {@code portfolio} ({@code null}: of every portfolio).
     *
     * @param oms the OMS, or {@code null} when there is none (nothing to cancel then)
     */
    static Result cancel(OrderService oms, PortfolioId portfolio) {
        return cancel(oms, portfolio, order -> true);
    }

    /**
     * Cancels the open orders of {@code portfolio} ({@code null}: of every portfolio) that are {@code ready}; the
     * others are counted as waiting.
     */
    static Result cancel(OrderService oms, PortfolioId portfolio, Predicate<Order> ready) {
        if (oms == null) {
            LOG.warn("Kill switch: no order management system running, no open order canceled");
            return Result.NONE;
        }
        int canceled = 0;
        int refused = 0;
        int waiting = 0;
        for (Order order : oms.orders()) {
            if (!order.status().isOpen() || order.status() == OrderStatus.PENDING_CANCEL
                    || portfolio != null && !order.portfolioId().equals(portfolio)) {
                continue;
            }
            if (!ready.test(order)) {
                waiting++;
                continue;
            }
            CommandResult result = oms.cancel(order.id());
            if (result.accepted()) {
                canceled++;
            } else {
                refused++;
                LOG.warn("Kill switch: cancel of open order {} ({}) refused: {} [{}]", order.id(),
                        order.clientOrderId(), result.message(), result.code());
            }
        }
        return new Result(canceled, refused, waiting);
    }
}
