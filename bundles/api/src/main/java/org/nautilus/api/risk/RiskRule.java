package org.nautilus.api.risk;

import org.nautilus.api.domain.OrderRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pre-trade risk check, published as an OSGi service with the property {@code risk.rule=<name>}. The
 * risk engine runs every registered rule on every new order; the first rejection denies the order.
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
}
