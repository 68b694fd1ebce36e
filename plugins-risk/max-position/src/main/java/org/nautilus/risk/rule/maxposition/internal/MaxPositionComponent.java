package org.nautilus.risk.rule.maxposition.internal;

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

/** Publishes {@link MaxPositionRule}, configured live from {@code etc/nautilus.risk.max_position.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = MaxPositionComponent.PID, property = {
                ConfigurationCheck.PID + "=" + MaxPositionComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + MaxPositionRule.NAME, "service.ranking:Integer=300"})
@Designate(ocd = MaxPositionComponent.Config.class)
public final class MaxPositionComponent
        extends RuleComponent<MaxPositionRule, MaxPositionRule.Limits, MaxPositionComponent.Config> {

    public static final String PID = "nautilus.risk.max_position";

    @ObjectClassDefinition(name = "Nautilus risk: max position", description = "Denies an order that could take the absolute position in an instrument (with open orders on the same side) above the limit. Per-portfolio overrides: portfolio.<id>.max.position.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Max position", description = "The largest absolute position per instrument.")
        String max_position() default "10000";
    }

    @Activate
    public MaxPositionComponent(Config config, Map<String, Object> properties) {
        super(new MaxPositionRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<MaxPositionRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> MaxPositionRule.Limits.of(config.max_position(), properties);
    }
}
