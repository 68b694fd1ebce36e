package org.nautilus.risk.rule.duplicateorder.internal;

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

/** Publishes {@link DuplicateOrderRule}, configured live from {@code etc/nautilus.risk.duplicate_order.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = DuplicateOrderComponent.PID, property = {
                ConfigurationCheck.PID + "=" + DuplicateOrderComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + DuplicateOrderRule.NAME, "service.ranking:Integer=450"})
@Designate(ocd = DuplicateOrderComponent.Config.class)
public final class DuplicateOrderComponent
        extends RuleComponent<DuplicateOrderRule, DuplicateOrderRule.Limits, DuplicateOrderComponent.Config> {

    public static final String PID = "nautilus.risk.duplicate_order";

    @ObjectClassDefinition(name = "Nautilus risk: duplicate orders", description = "Denies an order identical to one submitted under another client order id within the window.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Window (ms)", description = "How long an order blocks an identical one.")
        long window_ms() default 1000;
    }

    @Activate
    public DuplicateOrderComponent(Config config, Map<String, Object> properties) {
        super(new DuplicateOrderRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<DuplicateOrderRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> DuplicateOrderRule.Limits.of(config.window_ms());
    }
}
