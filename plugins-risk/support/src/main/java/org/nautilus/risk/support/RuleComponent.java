package org.nautilus.risk.support;

import java.lang.annotation.Annotation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;

/**
 * The OSGi side of a built-in rule: publishes a plain-Java {@link ConfiguredRule} as a {@link RiskRule}
 * service; the subclass reads its configuration PID (metatype) and reconfigures the rule on every change.
 * It is also the PID's {@link ConfigurationCheck}: the audit journal asks it whether new properties would be
 * refused, so the journal's entry says so, with the limits that stay in force.
 *
 * @param <R> the rule
 * @param <L> the rule's limits
 * @param <C> the component's configuration annotation
 */
public abstract class RuleComponent<R extends ConfiguredRule<L>, L, C extends Annotation>
        implements RiskRule, ConfigurationCheck {

    protected final R rule;
    private final Class<C> configType;

    protected RuleComponent(R rule, Class<C> configType) {
        this.rule = rule;
        this.configType = configType;
    }

    /** Reads the rule's limits from a configuration; throws {@link IllegalArgumentException} when invalid. */
    protected abstract Supplier<L> limits(C config, Map<String, Object> properties);

    @Override
    public final Optional<Refusal> check(Map<String, Object> properties) {
        try {
            Objects.requireNonNull(limits(ComponentConfig.of(configType, properties), properties).get(), "limits");
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new Refusal(e.getMessage(), rule.inForce()));
        }
    }

    @Override
    public final String name() {
        return rule.name();
    }

    @Override
    public final String describe() {
        return rule.describe();
    }

    @Override
    public final RiskDecision check(OrderRequest request, RiskContext context) {
        return rule.check(request, context);
    }
}
