package org.nautilus.risk.rule.orderrate.internal;

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

/** Publishes {@link OrderRateRule}, configured live from {@code etc/nautilus.risk.order_rate.cfg}. */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = OrderRateComponent.PID, property = {
        ConfigurationCheck.PID + "=" + OrderRateComponent.PID,
        RiskRule.NAME_PROPERTY + "=" + OrderRateRule.NAME, "service.ranking:Integer=50"})
@Designate(ocd = OrderRateComponent.Config.class)
public final class OrderRateComponent
        extends RuleComponent<OrderRateRule, OrderRateRule.Limits, OrderRateComponent.Config> {

    public static final String PID = "nautilus.risk.order_rate";

    @ObjectClassDefinition(name = "Nautilus risk: order rate throttle", description = "At most max.orders approved orders per portfolio in any window of window.ms. Per-portfolio overrides: portfolio.<id>.max.orders.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Max orders", description = "The most orders per window.")
        int max_orders() default 50;

        @AttributeDefinition(name = "Window (ms)", description = "The sliding window.")
        long window_ms() default 1000;
    }

    @Activate
    public OrderRateComponent(Config config, Map<String, Object> properties) {
        super(new OrderRateRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<OrderRateRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> OrderRateRule.Limits.of(config.max_orders(), config.window_ms(), properties);
    }
}
