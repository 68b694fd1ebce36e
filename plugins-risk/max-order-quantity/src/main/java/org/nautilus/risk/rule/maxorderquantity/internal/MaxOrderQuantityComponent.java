package org.nautilus.risk.rule.maxorderquantity.internal;

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

/** Publishes {@link MaxOrderQuantityRule}, configured live from {@code etc/nautilus.risk.max_order_quantity.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = MaxOrderQuantityComponent.PID, property = {
                ConfigurationCheck.PID + "=" + MaxOrderQuantityComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + MaxOrderQuantityRule.NAME, "service.ranking:Integer=800"})
@Designate(ocd = MaxOrderQuantityComponent.Config.class)
public final class MaxOrderQuantityComponent
        extends RuleComponent<MaxOrderQuantityRule, MaxOrderQuantityRule.Limits, MaxOrderQuantityComponent.Config> {

    public static final String PID = "nautilus.risk.max_order_quantity";

    @ObjectClassDefinition(name = "Nautilus risk: max order quantity", description = "Denies an order whose quantity exceeds the limit. Per-portfolio overrides: "
            + "portfolio.<id>.max.quantity = <quantity>.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Max quantity", description = "The largest quantity one order may have.")
        String max_quantity() default "1000";
    }

    @Activate
    public MaxOrderQuantityComponent(Config config, Map<String, Object> properties) {
        super(new MaxOrderQuantityRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<MaxOrderQuantityRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> MaxOrderQuantityRule.Limits.of(config.max_quantity(), properties);
    }
}
