package org.nautilus.risk.rule.maxleverage.internal;

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

/** Publishes {@link MaxLeverageRule}, configured live from {@code etc/nautilus.risk.max_leverage.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = MaxLeverageComponent.PID, property = {
                ConfigurationCheck.PID + "=" + MaxLeverageComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + MaxLeverageRule.NAME, "service.ranking:Integer=100"})
@Designate(ocd = MaxLeverageComponent.Config.class)
public final class MaxLeverageComponent
        extends RuleComponent<MaxLeverageRule, MaxLeverageRule.Limits, MaxLeverageComponent.Config> {

    public static final String PID = "nautilus.risk.max_leverage";

    @ObjectClassDefinition(name = "Nautilus risk: max portfolio leverage", description = "Denies an order that would take gross exposure / equity above the limit. Per-portfolio overrides: portfolio.<id>.max.leverage.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Max leverage", description = "Gross exposure / equity, e.g. 4.")
        String max_leverage() default "4";
    }

    @Activate
    public MaxLeverageComponent(Config config, Map<String, Object> properties) {
        super(new MaxLeverageRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<MaxLeverageRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> MaxLeverageRule.Limits.of(config.max_leverage(), properties);
    }
}
