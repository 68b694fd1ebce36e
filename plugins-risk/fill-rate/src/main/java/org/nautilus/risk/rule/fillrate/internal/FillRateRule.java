package org.nautilus.risk.rule.fillrate.internal;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.metrics.MetricsCollector;
import org.nautilus.api.metrics.MetricsSource;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateService;
import org.nautilus.risk.support.LiveLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
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
 * Execution (fill) rate alarm: the OMS's committed FILL events are counted per portfolio ({@link FillRateMonitor});
 * more than {@code max.fills} in {@code window.ms} raises an alarm, once until the rate falls back: a WARN in the
 * log, a RISK entry {@code FILL_RATE_ALARM} in the audit journal, and the metric
 * {@code nautilus_risk_fill_rate_alarms_total}. With {@code action = deny} the portfolio's new orders are denied
 * (code {@code FILL_RATE}) while the rate stays above the threshold; with {@code action = halt} the kill switch also
 * sets the portfolio HALTED (new orders denied until an operator sets it ACTIVE again: a runaway strategy or a venue
 * filling in a loop wants a human, not a timer). The default is {@code alarm}: it tells, and trading goes on.
 */
@Component(service = {RiskRule.class, OrderEventSubscriber.class, MetricsSource.class,
        ConfigurationCheck.class}, configurationPid = FillRateRule.PID, property = {
                ConfigurationCheck.PID + "=" + FillRateRule.PID,
                RiskRule.NAME_PROPERTY + "=" + FillRateRule.NAME,
                "service.ranking:Integer=950"})
@Designate(ocd = FillRateRule.Config.class)
public final class FillRateRule implements RiskRule, OrderEventSubscriber, MetricsSource, ConfigurationCheck {

    public static final String PID = "nautilus.risk.fill_rate";
    public static final String NAME = "fill-rate";
    public static final String CODE = "FILL_RATE";
    /** The audit entry type of a raised alarm. */
    public static final String AUDIT_TYPE = "FILL_RATE_ALARM";

    private static final Logger LOG = LoggerFactory.getLogger(FillRateRule.class);

    @ObjectClassDefinition(name = "Nautilus risk: fill rate alarm", description = "More than max.fills fills per portfolio in window.ms raises an alarm (log, audit, metric); "
            + "action = alarm, deny (new orders denied while it lasts) or halt (the portfolio is HALTED).")
    public @interface Config {
        @AttributeDefinition(name = "Max fills", description = "The most fills per portfolio per window.")
        int max_fills() default 200;

        @AttributeDefinition(name = "Window (ms)", description = "The sliding window.")
        long window_ms() default 1000;

        @AttributeDefinition(name = "Action", description = "alarm, deny or halt.")
        String action() default "alarm";
    }

    private final FillRateMonitor monitor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditService audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile TradingStateService tradingStates;

    /** A rule over this monitor (tests). */
    public FillRateRule(FillRateMonitor monitor) {
        this.monitor = monitor;
    }

    @Activate
    public FillRateRule(Map<String, Object> properties) {
        this(new FillRateMonitor(Clock.systemUTC(), FillRateMonitor.Limits.of(Map.of())));
        modified(properties);
    }

    @Modified
    public void modified(Map<String, Object> properties) {
        try {
            monitor.configure(FillRateMonitor.Limits.of(properties));
        } catch (IllegalArgumentException e) {
            LOG.error("Risk rule '{}': invalid configuration, the limits in force stay ({}): {}", NAME, describe(),
                    e.getMessage());
        }
    }

    @Override
    public Optional<Refusal> check(Map<String, Object> properties) {
        return LiveLimits.refusal(() -> FillRateMonitor.Limits.of(properties), this::describe);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        FillRateMonitor.Limits l = monitor.limits();
        return "fill rate alarm above " + l.maxFills() + " fills per " + l.window().toMillis() + " ms per portfolio, "
                + "action " + l.action().name().toLowerCase(Locale.ROOT) + " (" + monitor.alarms()
                + " alarms so far)";
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        if (monitor.limits().action() == FillRateMonitor.Action.ALARM) {
            return RiskDecision.approve();
        }
        return monitor.active(request.portfolioId())
                .map(alarm -> RiskDecision.reject(NAME, CODE, alarm.describe() + "; new orders are denied until it "
                        + "falls back"))
                .orElse(RiskDecision.approve());
    }

    @Override
    public void onEvent(OrderEvent event) {
        if (event.type() == OrderEventType.FILL) {
            monitor.onFill(event.fill().portfolioId()).ifPresent(this::raise);
        }
    }

    @Override
    public void collect(MetricsCollector out) {
        out.counter("nautilus_risk_fill_rate_alarms_total", "Fill rate alarms raised (fills per portfolio above the "
                + "threshold)", monitor.alarms());
        out.gauge("nautilus_risk_fill_rate_alarms_raised", "Portfolios whose fill rate alarm is raised",
                monitor.raisedCount());
    }

    /** Log, audit, and with action halt the kill switch. Runs on the subscriber's thread, never the OMS's. */
    void raise(FillRateMonitor.Alarm alarm) {
        FillRateMonitor.Action action = alarm.limits().action();
        PortfolioId portfolio = alarm.portfolio();
        LOG.warn("Fill rate alarm: {} (action {})", alarm.describe(), action);
        AuditService journal = audit;
        if (journal != null) {
            try {
                journal.record(AuditCategory.RISK, AUDIT_TYPE, portfolio.value(), portfolio, alarm.describe(),
                        Map.of("fills", String.valueOf(alarm.fills()),
                                "max.fills", String.valueOf(alarm.limits().maxFills()),
                                "window.ms", String.valueOf(alarm.limits().window().toMillis()),
                                "action", action.name()));
            } catch (RuntimeException e) {
                LOG.error("Fill rate alarm of {} could not be written to the audit journal", portfolio, e);
            }
        }
        TradingStateService states = tradingStates;
        if (action == FillRateMonitor.Action.HALT) {
            if (states == null) {
                LOG.error("Fill rate alarm of {}: action halt, but the kill switch is not running", portfolio);
            } else {
                states.set(portfolio, TradingState.HALTED, alarm.describe());
            }
        }
    }
}
