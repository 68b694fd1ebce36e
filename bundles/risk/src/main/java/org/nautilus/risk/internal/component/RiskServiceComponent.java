package org.nautilus.risk.internal.component;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.RiskService;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.ServiceRiskContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk engine as an OSGi service: tracks every {@link RiskRule} service (whiteboard, keyed by its
 * {@code risk.rule} property) and runs them on each order the OMS submits.
 */
@Component(service = RiskService.class)
public final class RiskServiceComponent implements RiskService {

    private static final Logger LOG = LoggerFactory.getLogger(RiskServiceComponent.class);

    private final RiskEngine engine = new RiskEngine();
    private final ServiceRiskContext context;

    @Activate
    public RiskServiceComponent(@Reference(name = "marketData") MarketDataService marketData,
                                @Reference(name = "positions") PositionService positions) {
        this.context = new ServiceRiskContext(marketData, positions, Clock.systemUTC());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRule(RiskRule rule, Map<String, Object> properties) {
        Object name = properties.get(RiskRule.NAME_PROPERTY);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        engine.add(rule, name == null ? null : name.toString(), ranking instanceof Integer r ? r : 0);
        LOG.info("Risk rule '{}' added: {}", name == null ? rule.name() : name, rule.describe());
    }

    void removeRule(RiskRule rule, Map<String, Object> properties) {
        engine.remove(rule);
        LOG.info("Risk rule '{}' removed", properties.get(RiskRule.NAME_PROPERTY));
    }

    @Override
    public RiskDecision check(OrderRequest request) {
        return engine.check(request, context);
    }

    @Override
    public List<RiskRuleInfo> rules() {
        return engine.rules();
    }
}
