package org.nautilus.risk.rule.killswitch.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateOutcome;
import org.nautilus.api.risk.TradingStateService;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.venue.VenueService;
import org.nautilus.risk.support.PerPortfolio;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * The kill switch as a risk rule (it runs before every other rule) and as the {@link TradingStateService}.
 * A state set through the service is written to this component's configuration
 * ({@code etc/nautilus.risk.kill_switch.cfg} through FileInstall), so a HALTED platform restarts HALTED; a
 * state edited in that file applies at once.
 *
 * <p>A HALT (global, or of a portfolio) also cancels the open orders in its scope through the OMS's
 * {@link OrderService} ({@code cancel.open.orders}, on by default), and says how many: in the
 * {@link #change} outcome the shell prints, in the log and in the audit journal (RISK {@code KILL_SWITCH_CANCEL}).
 * {@link #change} cancels on the caller's thread and waits; {@link #setGlobal}, {@link #set} and a HALT written
 * into the file cancel on the kill switch's own thread, so an OMS thread that halts never waits on itself.
 *
 * <p>A HALT in force when this node's OMS starts (the node restarted HALTED, or the OMS moved here) cancels the open
 * orders it recovered too, each once its venue is reconciled ({@link HaltAtRecovery}).
 */
@Component(service = {RiskRule.class,
        TradingStateService.class}, configurationPid = KillSwitchComponent.PID, property = {
                RiskRule.NAME_PROPERTY + "=" + KillSwitch.NAME, "service.ranking:Integer=1000"})
@Designate(ocd = KillSwitchComponent.Config.class)
public final class KillSwitchComponent implements RiskRule, TradingStateService {

    public static final String PID = "nautilus.risk.kill_switch";

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchComponent.class);

    @ObjectClassDefinition(name = "Nautilus risk: kill switch", description = "Trading state ACTIVE, REDUCING (only position-reducing orders) or HALTED (no new orders; "
            + "cancels still pass). Per portfolio: portfolio.<id>.state, portfolio.<id>.reason. "
            + "The shell (nautilus:trading-state) writes changes here.")
    public @interface Config {
        @AttributeDefinition(name = "State", description = "Global trading state.")
        TradingState state() default TradingState.ACTIVE;

        @AttributeDefinition(name = "Reason", description = "Why the state was set.", required = false)
        String reason() default "";

        @AttributeDefinition(name = "Cancel open orders", description = "true: a HALT also cancels every open order "
                + "of its scope (the portfolio, or all of them).")
        boolean cancel_open_orders() default true;
    }

    /** The node-local services (the OMS on the node where it runs), beside the cluster-wide ones. */
    private static final String LOCAL = "(" + ClusterService.LOCAL_PROPERTY + "=true)";

    /** Configuration key: does a HALT cancel the open orders of its scope. */
    static final String CANCEL_OPEN_ORDERS = "cancel.open.orders";

    private final KillSwitch killSwitch = new KillSwitch(Clock.systemUTC());
    private final ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nautilus-kill-switch");
        thread.setDaemon(true);
        return thread;
    });
    private final HaltAtRecovery atRecovery = new HaltAtRecovery(this::haltsToCancel, canceller,
            (status, result) -> report(status, result, "at the OMS's start"));
    private volatile VenueService localVenues;
    private volatile ConfigurationAdmin configAdmin;
    private volatile OrderService orders;
    private volatile AuditService audit;
    private volatile boolean cancelOpenOrders = true;

    @Activate
    public KillSwitchComponent(Map<String, Object> properties) {
        cancelOpenOrders = cancelOpenOrders(properties);
        try {
            killSwitch.configure(properties);
            LOG.info("Kill switch: {}", killSwitch.describe());
        } catch (IllegalArgumentException e) {
            // No states in force yet to keep: a kill switch that cannot read its file fails closed.
            killSwitch.setGlobal(TradingState.HALTED, "invalid " + PID + " configuration: " + e.getMessage());
            LOG.error("Kill switch: invalid configuration, trading is HALTED until it is fixed: {}", e.getMessage());
        }
        killSwitch.persistTo(this::persist);
    }

    @Modified
    public void modified(Map<String, Object> properties) {
        cancelOpenOrders = cancelOpenOrders(properties);
        try {
            List<TradingStatus> before = killSwitch.statuses();
            killSwitch.configure(properties);
            LOG.info("Kill switch: {}", killSwitch.describe());
            // A HALT written into the file (not the echo of one set here: that state is already in force).
            for (TradingStatus now : killSwitch.statuses()) {
                if (now.state() == TradingState.HALTED && !wasHalted(before, now.portfolio())) {
                    cancelLater(now);
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.error("Kill switch: invalid configuration, the states in force are kept ({}): {}",
                    killSwitch.describe(), e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        atRecovery.stop();
        canceller.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setOrders(OrderService service) {
        this.orders = service;
    }

    public void unsetOrders(OrderService service) {
        if (this.orders == service) {
            this.orders = null;
        }
    }

    /**
     * This node's own OMS, registered once it has recovered its orders (on a cluster, on the leader): a HALT in force
     * cancels the open orders it recovered.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, target = LOCAL)
    public void setRecoveredOms(OrderService service) {
        atRecovery.recovered(service, () -> localVenues);
    }

    public void unsetRecoveredOms(OrderService service) {
        atRecovery.gone(service);
    }

    /** This node's OMS's venues, whose reconciliation a recovered order's cancel waits for. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, target = LOCAL)
    public void setLocalVenues(VenueService service) {
        this.localVenues = service;
    }

    public void unsetLocalVenues(VenueService service) {
        if (this.localVenues == service) {
            this.localVenues = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setAudit(AuditService service) {
        this.audit = service;
    }

    public void unsetAudit(AuditService service) {
        if (this.audit == service) {
            this.audit = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void setConfigAdmin(ConfigurationAdmin admin) {
        this.configAdmin = admin;
    }

    public void unsetConfigAdmin(ConfigurationAdmin admin) {
        if (this.configAdmin == admin) {
            this.configAdmin = null;
        }
    }

    private void persist(Map<String, String> states) {
        ConfigurationAdmin admin = configAdmin;
        if (admin == null) {
            LOG.warn("Kill switch: no ConfigurationAdmin, the new state is not persisted: {}", states);
            return;
        }
        try {
            Configuration configuration = admin.getConfiguration(PID, "?");
            Dictionary<String, Object> current = configuration.getProperties();
            Hashtable<String, Object> next = new Hashtable<>();
            if (current != null) {
                for (String key : Collections.list(current.keys())) {
                    // Keep everything but the states themselves, which are rewritten whole.
                    if (!isStateKey(key)) {
                        next.put(key, current.get(key));
                    }
                }
            }
            next.putAll(states);
            configuration.updateIfDifferent(next);
        } catch (IOException | RuntimeException e) {
            LOG.error("Kill switch: could not persist the new state {}", states, e);
        }
    }

    private static boolean isStateKey(String key) {
        if (key.equals("state") || key.equals("reason") || key.equals("since") || key.equals(KillSwitch.REVISION)) {
            return true;
        }
        return key.startsWith(PerPortfolio.PREFIX)
                && (key.endsWith(".state") || key.endsWith(".reason") || key.endsWith(".since"));
    }

    @Override
    public String name() {
        return killSwitch.name();
    }

    @Override
    public String describe() {
        return killSwitch.describe();
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        return killSwitch.check(request, context);
    }

    @Override
    public TradingStatus global() {
        return killSwitch.global();
    }

    @Override
    public TradingStatus status(PortfolioId portfolio) {
        return killSwitch.status(portfolio);
    }

    @Override
    public List<TradingStatus> statuses() {
        return killSwitch.statuses();
    }

    @Override
    public TradingStatus setGlobal(TradingState state, String reason) {
        TradingStatus status = apply(null, state, reason);
        cancelLater(status);
        return status;
    }

    @Override
    public TradingStatus set(PortfolioId portfolio, TradingState state, String reason) {
        TradingStatus status = apply(portfolio, state, reason);
        cancelLater(status);
        return status;
    }

    @Override
    public TradingStateOutcome change(PortfolioId portfolio, TradingState state, String reason) {
        TradingStatus status = apply(portfolio, state, reason);
        if (status.state() != TradingState.HALTED || !cancelOpenOrders) {
            return new TradingStateOutcome(status, 0, 0);
        }
        OpenOrderCanceller.Result result = cancelOpenOrders(status);
        return new TradingStateOutcome(status, result.canceled(), result.refused());
    }

    private TradingStatus apply(PortfolioId portfolio, TradingState state, String reason) {
        TradingStatus status = portfolio == null ? killSwitch.setGlobal(state, reason)
                : killSwitch.set(portfolio, state, reason);
        LOG.warn("Trading state set: {}", status.describe());
        return status;
    }

    /** For a HALT: cancels the scope's open orders on the kill switch's thread. */
    private void cancelLater(TradingStatus status) {
        if (status.state() != TradingState.HALTED || !cancelOpenOrders) {
            return;
        }
        try {
            canceller.execute(() -> cancelOpenOrders(status));
        } catch (RejectedExecutionException stopping) {
            LOG.warn("Kill switch stopping: the open orders of {} are not canceled", scope(status));
        }
    }

    /** Cancels the open orders in the HALT's scope; logs and audits how many. */
    private OpenOrderCanceller.Result cancelOpenOrders(TradingStatus status) {
        OpenOrderCanceller.Result result;
        try {
            result = OpenOrderCanceller.cancel(orders, status.portfolio());
        } catch (RuntimeException e) {
            LOG.error("Kill switch: canceling the open orders of {} failed", scope(status), e);
            return OpenOrderCanceller.Result.NONE;
        }
        report(status, result, null);
        return result;
    }

    /** The HALTED statuses whose open orders are canceled: none while canceling is switched off. */
    private List<TradingStatus> haltsToCancel() {
        return cancelOpenOrders ? killSwitch.statuses() : List.of();
    }

    /** Logs and audits what a HALT's cancels did; {@code when} says when, if not at the HALT itself. */
    private void report(TradingStatus status, OpenOrderCanceller.Result result, String when) {
        String detail = "HALTED " + scope(status) + ": canceled " + result.canceled() + " open order(s)"
                + (when == null ? "" : " " + when)
                + (result.refused() == 0 ? "" : ", " + result.refused() + " cancel(s) refused");
        LOG.warn("Kill switch: {}", detail);
        AuditService journal = audit;
        if (journal != null) {
            try {
                journal.record(AuditCategory.RISK, "KILL_SWITCH_CANCEL", scope(status), status.portfolio(), detail,
                        Map.of("canceled", Integer.toString(result.canceled()),
                                "refused", Integer.toString(result.refused()), "reason", status.reason()));
            } catch (RuntimeException e) {
                LOG.error("Kill switch: could not audit '{}': {}", detail, e.toString());
            }
        }
    }

    private static String scope(TradingStatus status) {
        return status.portfolio() == null ? "global" : status.portfolio().value();
    }

    private static boolean wasHalted(List<TradingStatus> before, PortfolioId portfolio) {
        return before.stream().anyMatch(s -> s.state() == TradingState.HALTED
                && Objects.equals(s.portfolio(), portfolio));
    }

    private static boolean cancelOpenOrders(Map<String, Object> properties) {
        Object value = properties.get(CANCEL_OPEN_ORDERS);
        return value == null || Boolean.parseBoolean(String.valueOf(value).strip());
    }
}
