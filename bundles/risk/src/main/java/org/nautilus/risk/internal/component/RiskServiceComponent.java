package org.nautilus.risk.internal.component;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskMetrics;
import org.nautilus.api.risk.RiskMetricsService;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.store.RiskStateStore;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.engine.RiskEngine;
import org.nautilus.risk.internal.engine.RuleChain;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The risk engine as OSGi services: {@link RiskService} (tracks every {@link RiskRule} service, whiteboard,
 * keyed by its {@code risk.rule} property, and runs them on each order the OMS submits),
 * {@link RiskMetricsService}, and an {@link OrderStepListener} through which the OMS reports the open orders the
 * rules look at. Configured from {@code etc/nautilus.risk.cfg}. No rule is built in: each is a plugin bundle
 * (plugins-risk/); the rules listed in {@code mandatory.rules} must be running or every new order is denied. The
 * daily P&amp;L baselines are kept in the store's {@link RiskStateStore} when there is one.
 */
@Component(service = {RiskService.class, RiskMetricsService.class,
        OrderStepListener.class}, configurationPid = RiskServiceComponent.PID)
@Designate(ocd = RiskServiceComponent.Config.class)
public final class RiskServiceComponent implements RiskService, RiskMetricsService, OrderStepListener {

    public static final String PID = "nautilus.risk";

    private static final Logger LOG = LoggerFactory.getLogger(RiskServiceComponent.class);

    @ObjectClassDefinition(name = "Nautilus risk engine", description = "Capital, trading day, VaR and history settings of the risk engine. Per-portfolio "
            + "capital: portfolio.<id>.capital.")
    public @interface Config {
        @AttributeDefinition(name = "Capital", description = "Starting capital per portfolio: equity = capital + P&L.")
        String capital() default EngineConfig.DEFAULT_CAPITAL;

        @AttributeDefinition(name = "Trading day zone", description = "Time zone of the trading day, e.g. UTC, America/New_York.")
        String day_zone() default "UTC";

        @AttributeDefinition(name = "Trading day start", description = "Local time the trading day starts (daily P&L resets), e.g. 00:00 or 17:00.")
        String day_start() default "00:00";

        @AttributeDefinition(name = "VaR confidence", description = "Confidence level of the VaR, e.g. 0.95 or 0.99.")
        String var_confidence() default "0.95";

        @AttributeDefinition(name = "VaR window", description = "Most recent bar returns used for the VaR.")
        int var_window() default 250;

        @AttributeDefinition(name = "VaR minimum observations", description = "Fewer returns than this: no VaR.")
        int var_min_observations() default 20;

        @AttributeDefinition(name = "History retention (ms)", description = "How long approved orders are remembered for the rate throttle and the duplicate check; at least their windows.")
        long history_retention_ms() default 60_000;

        @AttributeDefinition(name = "History capacity", description = "Most approval times remembered per portfolio.")
        int history_capacity() default 1 << 16;

        @AttributeDefinition(name = "Refresh (ms)", description = "How often every portfolio's P&L is observed, so the daily baseline rolls at the close.")
        long refresh_ms() default 1000;

        @AttributeDefinition(name = "Mandatory rules", description = "Rule names (comma-separated) that must be running: while one is missing (its bundle stopped, uninstalled or failed to start) every new order is denied with RULE_MISSING. Blank: none.", required = false)
        String mandatory_rules() default "";
    }

    private final RiskEngine core;
    private volatile RiskStateStore stateStore;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> refresher;

    @Activate
    public RiskServiceComponent(Config config, Map<String, Object> properties,
            @Reference(name = "marketData") MarketDataService marketData,
            @Reference(name = "positions") PositionService positions) {
        EngineConfig initial;
        try {
            initial = parse(config, properties);
        } catch (IllegalArgumentException e) {
            // These are settings, not limits (the rules hold those): run on the defaults and say so loudly. The
            // mandatory rules are kept if they read, so a typo elsewhere does not drop a fail-closed guarantee.
            initial = EngineConfig.defaults();
            try {
                initial = initial.withMandatoryRules(config.mandatory_rules());
            } catch (IllegalArgumentException alsoInvalid) {
                LOG.error("Risk engine: {}", alsoInvalid.getMessage());
            }
            LOG.error("Risk engine: invalid configuration in {}, running on the defaults (mandatory rules {}) until "
                    + "it is fixed: {}", PID, initial.mandatoryRules(), e.getMessage());
        }
        this.core = new RiskEngine(new RuleChain(), marketData, positions, Clock.systemUTC(), initial);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nautilus-risk-refresh");
            thread.setDaemon(true);
            return thread;
        });
        schedule();
    }

    @Modified
    void modified(Config config, Map<String, Object> properties) {
        try {
            core.configure(parse(config, properties));
            schedule();
        } catch (IllegalArgumentException e) {
            LOG.error("Risk engine: invalid configuration in {}, the previous settings stay in force: {}",
                    PID, e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
        core.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addRule(RiskRule rule, Map<String, Object> properties) {
        Object name = properties.get(RiskRule.NAME_PROPERTY);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        core.chain().add(rule, name == null ? null : name.toString(), ranking instanceof Integer r ? r : 0);
        LOG.info("Risk rule '{}' added: {}", name == null ? rule.name() : name, rule.describe());
    }

    void removeRule(RiskRule rule, Map<String, Object> properties) {
        core.chain().remove(rule);
        LOG.info("Risk rule '{}' removed", properties.get(RiskRule.NAME_PROPERTY));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setStateStore(RiskStateStore store) {
        stateStore = store;
        core.useStore(store);
        LOG.info("Risk engine: daily P&L baselines are kept in the store");
    }

    void unsetStateStore(RiskStateStore store) {
        if (stateStore == store) {
            stateStore = null;
            core.useStore(null);
            LOG.warn("Risk engine: the store is gone, daily P&L baselines are kept in memory until it is back");
        }
    }

    @Override
    public RiskDecision check(OrderRequest request) {
        return core.check(request);
    }

    @Override
    public RiskDecision checkAmend(Order order, OrderRequest amended) {
        return core.checkAmend(order, amended);
    }

    @Override
    public RiskDecision checkCancel(Order order) {
        return core.checkCancel(order);
    }

    @Override
    public List<RiskRuleInfo> rules() {
        return core.rules();
    }

    @Override
    public RiskMetrics metrics(PortfolioId portfolio) {
        return core.metrics(portfolio);
    }

    @Override
    public List<RiskMetrics> metrics() {
        return core.metrics();
    }

    @Override
    public void onOrder(Order order) {
        core.onOrder(order);
    }

    @Override
    public void onFill(Fill fill) {
        // The position comes from the position keeper; the running valuation reads it again before its next use.
        core.onFill(fill);
    }

    private synchronized void schedule() {
        if (scheduler.isShutdown()) {
            return;
        }
        if (refresher != null) {
            refresher.cancel(false);
        }
        long period = core.config().refreshInterval().toMillis();
        refresher = scheduler.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            core.refresh();
        } catch (RuntimeException e) {
            LOG.warn("Risk engine: periodic P&L observation failed", e);
        }
    }

    private static EngineConfig parse(Config c, Map<String, Object> properties) {
        return EngineConfig.of(c.capital(), c.day_zone(), c.day_start(), c.var_confidence(), c.var_window(),
                c.var_min_observations(), c.history_retention_ms(), c.history_capacity(), c.refresh_ms(), properties)
                .withMandatoryRules(c.mandatory_rules());
    }
}
