package org.nautilus.risk.rule.killswitch.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateService;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;
import org.nautilus.risk.support.PerPortfolio;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * The kill switch as a risk rule (it runs before every other rule) and as the {@link TradingStateService}.
 * A state set through the service is written to this component's configuration
 * ({@code etc/nautilus.risk.kill_switch.cfg} through FileInstall), so a HALTED platform restarts HALTED; a
 * state edited in that file applies at once.
 */
@Component(service = {RiskRule.class, TradingStateService.class}, configurationPid = KillSwitchComponent.PID,
        property = {RiskRule.NAME_PROPERTY + "=" + KillSwitch.NAME, "service.ranking:Integer=1000"})
@Designate(ocd = KillSwitchComponent.Config.class)
public final class KillSwitchComponent implements RiskRule, TradingStateService {

    public static final String PID = "nautilus.risk.kill_switch";

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchComponent.class);

    @ObjectClassDefinition(name = "Nautilus risk: kill switch",
            description = "Trading state ACTIVE, REDUCING (only position-reducing orders) or HALTED (no new orders; "
                    + "cancels still pass). Per portfolio: portfolio.<id>.state, portfolio.<id>.reason. "
                    + "The shell (nautilus:trading-state) writes changes here.")
    public @interface Config {
        @AttributeDefinition(name = "State", description = "Global trading state.")
        TradingState state() default TradingState.ACTIVE;

        @AttributeDefinition(name = "Reason", description = "Why the state was set.", required = false)
        String reason() default "";
    }

    private final KillSwitch killSwitch = new KillSwitch(Clock.systemUTC());
    private volatile ConfigurationAdmin configAdmin;

    @Activate
    public KillSwitchComponent(Map<String, Object> properties) {
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
        try {
            killSwitch.configure(properties);
            LOG.info("Kill switch: {}", killSwitch.describe());
        } catch (IllegalArgumentException e) {
            LOG.error("Kill switch: invalid configuration, the states in force are kept ({}): {}",
                    killSwitch.describe(), e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
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
        TradingStatus status = killSwitch.setGlobal(state, reason);
        LOG.warn("Trading state set: {}", status.describe());
        return status;
    }

    @Override
    public TradingStatus set(PortfolioId portfolio, TradingState state, String reason) {
        TradingStatus status = killSwitch.set(portfolio, state, reason);
        LOG.warn("Trading state set: {}", status.describe());
        return status;
    }
}
