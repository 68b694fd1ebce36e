package org.nautilus.api.risk;

import java.util.List;
import org.nautilus.api.domain.OrderRequest;
import org.osgi.annotation.versioning.ProviderType;

/** The risk engine: runs the registered {@link RiskRule}s. */
@ProviderType
public interface RiskService {

    /** Runs every rule on the order; the first rejection wins. */
    RiskDecision check(OrderRequest request);

    /** The registered rules, by name. */
    List<RiskRuleInfo> rules();
}
