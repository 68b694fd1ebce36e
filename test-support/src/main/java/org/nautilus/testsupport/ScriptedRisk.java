package org.nautilus.testsupport;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.RiskService;

/**
 * A pre-trade risk service whose decisions a test (or a benchmark) gives as a function of the order, for OMS tests
 * whose subject is not risk. It lists no rules. Records nothing, so a benchmark can send it millions of orders.
 */
public final class ScriptedRisk implements RiskService {

    private static final ScriptedRisk APPROVE_ALL = new ScriptedRisk(request -> RiskDecision.approve());

    private final Function<OrderRequest, RiskDecision> decide;

    public ScriptedRisk(Function<OrderRequest, RiskDecision> decide) {
        this.decide = Objects.requireNonNull(decide, "decide");
    }

    /** Approves every order. */
    public static ScriptedRisk approvingAll() {
        return APPROVE_ALL;
    }

    @Override
    public RiskDecision check(OrderRequest request) {
        return decide.apply(request);
    }

    @Override
    public List<RiskRuleInfo> rules() {
        return List.of();
    }
}
