package org.nautilus.api.risk;

import java.util.List;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.osgi.annotation.versioning.ProviderType;

/** The risk engine: runs the registered {@link RiskRule}s. */
@ProviderType
public interface RiskService {

    /** Runs every rule on the order; the first rejection wins. */
    RiskDecision check(OrderRequest request);

    /** The registered rules, by name. */
    List<RiskRuleInfo> rules();

    /**
     * Runs every rule's {@link RiskRule#checkAmend} on an amend a client asked for; the first rejection wins. An
     * approved amend is remembered for the amend throttle ({@link RiskContext#amendCount}).
     *
     * @since 1.2
     */
    default RiskDecision checkAmend(Order order, OrderRequest amended) {
        return RiskDecision.approve();
    }

    /**
     * Runs every rule's {@link RiskRule#checkCancel} on a cancel a client asked for; the first rejection wins. An
     * approved cancel is remembered for the cancel throttle ({@link RiskContext#cancelCount}).
     *
     * @since 1.2
     */
    default RiskDecision checkCancel(Order order) {
        return RiskDecision.approve();
    }
}
