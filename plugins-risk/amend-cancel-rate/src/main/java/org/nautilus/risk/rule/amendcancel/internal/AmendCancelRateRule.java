package org.nautilus.risk.rule.amendcancel.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateService;
import org.nautilus.risk.support.LiveLimits;
import org.nautilus.risk.support.PerPortfolio;
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

/**
 * Amend and cancel throttles beside the submit throttle ({@code order-rate}): at most {@code max.amends} approved
 * amends and {@code max.cancels} approved cancels per portfolio in any sliding window of {@code window.ms} (ESMA
 * RTS 6 message limits; exchanges count every message, not only new orders). The engine remembers each approved
 * amend and cancel ({@link RiskContext#amendCount}, {@link RiskContext#cancelCount}); new orders pass. A cancel of a
 * HALTED portfolio always passes: the kill switch's cancel-all must not be throttled.
 * Configuration: {@code max.amends}, {@code max.cancels}, {@code window.ms}, and per portfolio any of them as
 * {@code portfolio.<id>.max.amends} (and so on) beside the default; edits apply at runtime.
 */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = AmendCancelRateRule.PID, property = {
                ConfigurationCheck.PID + "=" + AmendCancelRateRule.PID,
                RiskRule.NAME_PROPERTY + "=" + AmendCancelRateRule.NAME,
                "service.ranking:Integer=50"})
@Designate(ocd = AmendCancelRateRule.Config.class)
public final class AmendCancelRateRule implements RiskRule, ConfigurationCheck {

    public static final String PID = "nautilus.risk.amend_cancel_rate";

    @ObjectClassDefinition(name = "Nautilus risk: amend and cancel throttles", description = "At most max.amends amends and max.cancels cancels per portfolio in any window of window.ms.")
    public @interface Config {
        @AttributeDefinition(name = "Max amends", description = "The most amends per portfolio per window.")
        int max_amends() default 100;

        @AttributeDefinition(name = "Max cancels", description = "The most cancels per portfolio per window (a HALTED "
                + "portfolio's cancels always pass).")
        int max_cancels() default 1000;

        @AttributeDefinition(name = "Window (ms)", description = "The sliding window.")
        long window_ms() default 1000;
    }

    public static final String NAME = "amend-cancel-rate";
    public static final String AMEND_CODE = "AMEND_RATE";
    public static final String CANCEL_CODE = "CANCEL_RATE";

    /**
     * Each limit is a default with per-portfolio overrides ({@code portfolio.<id>.<key>}).
     *
     * @param maxAmends  the most amends per window
     * @param maxCancels the most cancels per window
     * @param window     the sliding window
     */
    public record Limits(PerPortfolio<Integer> maxAmends, PerPortfolio<Integer> maxCancels,
            PerPortfolio<Duration> window) {

        public static Limits of(Map<String, ?> properties) {
            return new Limits(read(properties, "max.amends", 100, Limits::positive),
                    read(properties, "max.cancels", 1000, Limits::positive),
                    read(properties, "window.ms", Duration.ofMillis(1000), t -> Duration.ofMillis(positive(t))));
        }

        private static <T> PerPortfolio<T> read(Map<String, ?> properties, String key, T defaultValue,
                Function<String, T> parser) {
            Object value = properties.get(key);
            T byDefault = value == null ? defaultValue : PerPortfolio.parse(key, value, parser);
            return PerPortfolio.read(properties, key, byDefault, parser);
        }

        private static int positive(String text) {
            int n;
            try {
                n = Integer.parseInt(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a whole number", e);
            }
            if (n <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return n;
        }

        @Override
        public String toString() {
            return "amends " + maxAmends.describe(String::valueOf) + " and cancels "
                    + maxCancels.describe(String::valueOf) + " per " + window.describe(w -> w.toMillis() + " ms")
                    + " per portfolio";
        }
    }

    private volatile Limits limits;

    /** A rule with these limits (tests, and the defaults). */
    public AmendCancelRateRule(Limits limits) {
        this.limits = limits;
    }

    /** The OSGi component: limits from its configuration; invalid ones leave the defaults in force, loudly. */
    @Activate
    public AmendCancelRateRule(Map<String, Object> properties) {
        this(Limits.of(Map.of()));
        modified(properties);
    }

    /** A configuration edit: applied if valid, otherwise logged and the limits in force stay. */
    @Modified
    public void modified(Map<String, Object> properties) {
        limits = LiveLimits.apply(NAME, limits, () -> Limits.of(properties), this::describe);
    }

    /** For the audit journal: would these properties be refused, and what stays in force then. */
    @Override
    public Optional<Refusal> check(Map<String, Object> properties) {
        return LiveLimits.refusal(() -> Limits.of(properties), this::describe);
    }

    /** The kill switch, if it runs: a HALTED portfolio's cancels are not throttled. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public volatile TradingStateService tradingStates;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        return limits.toString();
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        return RiskDecision.approve();
    }

    @Override
    public RiskDecision checkAmend(Order order, OrderRequest amended, RiskContext context) {
        Limits l = limits;
        PortfolioId portfolio = order.portfolioId();
        Duration window = l.window().get(portfolio);
        int max = l.maxAmends().get(portfolio);
        int recent = context.amendCount(portfolio, context.now().minus(window));
        if (recent >= max) {
            return RiskDecision.reject(NAME, AMEND_CODE, "amend rate " + max + " per " + window.toMillis()
                    + " ms of portfolio " + portfolio + " exceeded: " + (recent + 1) + " amends");
        }
        return RiskDecision.approve();
    }

    @Override
    public RiskDecision checkCancel(Order order, RiskContext context) {
        if (halted(order.portfolioId())) {
            return RiskDecision.approve();
        }
        Limits l = limits;
        PortfolioId portfolio = order.portfolioId();
        Duration window = l.window().get(portfolio);
        int max = l.maxCancels().get(portfolio);
        Instant since = context.now().minus(window);
        int recent = context.cancelCount(portfolio, since);
        if (recent >= max) {
            return RiskDecision.reject(NAME, CANCEL_CODE, "cancel rate " + max + " per " + window.toMillis()
                    + " ms of portfolio " + portfolio + " exceeded: " + (recent + 1) + " cancels");
        }
        return RiskDecision.approve();
    }

    private boolean halted(PortfolioId portfolio) {
        TradingStateService states = tradingStates;
        return states != null && Optional.ofNullable(states.status(portfolio))
                .map(s -> s.state() == TradingState.HALTED).orElse(false);
    }
}
