package org.nautilus.risk.support;

import java.util.Objects;
import java.util.function.Supplier;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rule whose limits come from configuration and change live. The limits are an immutable value swapped
 * atomically, so a check sees either the old or the new limits, never a mix.
 *
 * <p>Invalid configuration changes nothing: the previous limits stay in force and the error is logged and
 * shown by {@link #describe()}. A rule that never had valid limits denies every order (fail closed) with the
 * code {@link #CONFIG_ERROR}.
 *
 * @param <L> the rule's limits
 */
public abstract class ConfiguredRule<L> implements RiskRule {

    /** Reason code of a rule without valid configuration. */
    public static final String CONFIG_ERROR = "CONFIG_ERROR";

    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredRule.class);

    private final String name;
    private volatile L limits;
    private volatile boolean enabled = true;
    private volatile String configError;

    protected ConfiguredRule(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    protected ConfiguredRule(String name, L limits) {
        this(name);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Applies new limits.
     *
     * @param parser reads the limits, throwing {@link IllegalArgumentException} for invalid configuration
     * @return {@code true} if the new limits are in force
     */
    public final boolean configure(Supplier<L> parser) {
        return configure(true, parser);
    }

    /**
     * Applies new limits and switches the rule on or off ({@code enabled = false}: every order passes, the
     * rule stays listed as disabled).
     */
    public final boolean configure(boolean enable, Supplier<L> parser) {
        try {
            limits = Objects.requireNonNull(parser.get(), "limits");
            enabled = enable;
            configError = null;
            return true;
        } catch (IllegalArgumentException e) {
            configError = e.getMessage();
            LOG.error("Risk rule '{}': invalid configuration, {}: {}", name,
                    limits == null ? "every order is denied until it is fixed" : "the previous limits stay in force",
                    e.getMessage());
            return false;
        }
    }

    /**
     * What is in force, without any configuration error: {@code max order quantity 1000}, {@code DISABLED: ...}, or
     * that every order is denied while the rule never had valid limits.
     */
    public final String inForce() {
        L current = limits;
        if (current == null) {
            return "no valid limits yet: every order is denied";
        }
        return enabled ? describe(current) : "DISABLED: " + describe(current);
    }

    /** The limits in force, {@code null} if the rule was never configured validly. */
    public final L limits() {
        return limits;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String describe() {
        L current = limits;
        String error = configError;
        String text = current == null ? "not configured" : describe(current);
        if (!enabled) {
            text = "DISABLED: " + text;
        }
        return error == null ? text : text + " [config error: " + error + "]";
    }

    @Override
    public final RiskDecision check(OrderRequest request, RiskContext context) {
        L current = limits;
        if (current == null) {
            return RiskDecision.reject(name, CONFIG_ERROR, name + " has no valid configuration: " + configError);
        }
        return enabled ? check(request, context, current) : RiskDecision.approve();
    }

    public final boolean enabled() {
        return enabled;
    }

    /** The check with the limits in force. */
    protected abstract RiskDecision check(OrderRequest request, RiskContext context, L limits);

    /** The rule and its limits in one line. */
    protected abstract String describe(L limits);

    protected final RiskDecision reject(String code, String message) {
        return RiskDecision.reject(name, code, message);
    }
}
