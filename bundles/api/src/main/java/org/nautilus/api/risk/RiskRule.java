package org.nautilus.api.risk;

import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pre-trade risk check, published as an OSGi service with the property {@code risk.rule=<name>}. The
 * risk engine runs every registered rule on every new order; the first rejection denies the order. Since 1.2 the engine
 * also asks every rule about each amend and cancel a client requests ({@link #checkAmend}, {@link #checkCancel}); a
 * rule that only checks new orders approves them (the defaults).
 * Rules read their limits from configuration and must be fast and side-effect free.
 */
@ConsumerType
public interface RiskRule {

    /** Service property naming the rule. */
    String NAME_PROPERTY = "risk.rule";

    /** Stable name, e.g. {@code max-order-quantity}. */
    String name();

    /** The rule and its current limits in one line, e.g. {@code max order quantity 1000}. */
    String describe();

    /** Checks a new order. Never throws for a business rejection. */
    RiskDecision check(OrderRequest request, RiskContext context);

    /**
     * Checks an amend (cancel-replace) a client asked for, before it is sent. Never throws for a business
     * rejection; a refused amend leaves the order working unchanged.
     *
     * @param order   the order as it works now
     * @param amended the order as it would be (new quantity and/or price)
     * @since 1.2
     */
    default RiskDecision checkAmend(Order order, OrderRequest amended, RiskContext context) {
        return RiskDecision.approve();
    }

    /**
     * Checks a cancel asked for through {@code OrderService.cancel}, before it is sent; cancels the OMS makes itself
     * (OCO siblings, split parts, expiry) are not checked. A rule should let the cancels of a HALTED portfolio
     * through: the kill switch cancels its open orders the same way. Never throws for a business rejection.
     *
     * @param order the order to cancel, as it works now
     * @since 1.2
     */
    default RiskDecision checkCancel(Order order, RiskContext context) {
        return RiskDecision.approve();
    }
}
