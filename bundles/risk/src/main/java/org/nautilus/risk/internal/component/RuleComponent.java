package org.nautilus.risk.internal.component;

import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.internal.rules.ConfiguredRule;

/**
 * The OSGi side of a built-in rule: publishes a plain-Java {@link ConfiguredRule} as a {@link RiskRule}
 * service; the subclass reads its configuration PID (metatype) and reconfigures the rule on every change.
 *
 * @param <R> the rule
 */
abstract class RuleComponent<R extends ConfiguredRule<?>> implements RiskRule {

    protected final R rule;

    RuleComponent(R rule) {
        this.rule = rule;
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
