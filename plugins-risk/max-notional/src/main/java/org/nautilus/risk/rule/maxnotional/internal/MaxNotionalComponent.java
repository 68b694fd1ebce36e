package org.nautilus.risk.rule.maxnotional.internal;

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

/** Publishes {@link MaxNotionalRule}, configured live from {@code etc/nautilus.risk.max_notional.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = MaxNotionalComponent.PID, property = {
                ConfigurationCheck.PID + "=" + MaxNotionalComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + MaxNotionalRule.NAME, "service.ranking:Integer=700"})
@Designate(ocd = MaxNotionalComponent.Config.class)
public final class MaxNotionalComponent
        extends RuleComponent<MaxNotionalRule, MaxNotionalRule.Limits, MaxNotionalComponent.Config> {

    public static final String PID = "nautilus.risk.max_notional";

    @ObjectClassDefinition(name = "Nautilus risk: max notional per order", description = "Denies an order whose quantity x price x multiplier exceeds the limit (instrument currency). Per-portfolio overrides: portfolio.<id>.max.notional.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Max notional", description = "The largest notional of one order.")
        String max_notional() default "1000000";
    }

    @Activate
    public MaxNotionalComponent(Config config, Map<String, Object> properties) {
        super(new MaxNotionalRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<MaxNotionalRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> MaxNotionalRule.Limits.of(config.max_notional(), properties);
    }
}
