package org.nautilus.risk.rule.reduceonly.internal;

import java.util.Map;
import java.util.function.Supplier;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.support.RuleComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Publishes {@link ReduceOnlyRule}, configured live from {@code etc/nautilus.risk.reduce_only.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = ReduceOnlyComponent.PID, property = {
                ConfigurationCheck.PID + "=" + ReduceOnlyComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + ReduceOnlyRule.NAME, "service.ranking:Integer=500"})
@Designate(ocd = ReduceOnlyComponent.Config.class)
public final class ReduceOnlyComponent
        extends RuleComponent<ReduceOnlyRule, ReduceOnlyRule.Limits, ReduceOnlyComponent.Config> {

    public static final String PID = "nautilus.risk.reduce_only";

    @ObjectClassDefinition(name = "Nautilus risk: reduce-only", description = "An order flagged reduce-only may only reduce a position.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

    }

    @Activate
    public ReduceOnlyComponent(Config config, Map<String, Object> properties) {
        super(new ReduceOnlyRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<ReduceOnlyRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> new ReduceOnlyRule.Limits();
    }
}
