package org.nautilus.risk.rule.maxdailyloss.internal;

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

/** Publishes {@link MaxDailyLossRule}, configured live from {@code etc/nautilus.risk.max_daily_loss.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = MaxDailyLossComponent.PID, property = {
                ConfigurationCheck.PID + "=" + MaxDailyLossComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + MaxDailyLossRule.NAME, "service.ranking:Integer=200"})
@Designate(ocd = MaxDailyLossComponent.Config.class)
public final class MaxDailyLossComponent
        extends RuleComponent<MaxDailyLossRule, MaxDailyLossRule.Limits, MaxDailyLossComponent.Config> {

    public static final String PID = "nautilus.risk.max_daily_loss";

    @ObjectClassDefinition(name = "Nautilus risk: max daily loss", description = "Once a portfolio has lost this much since the start of the trading day (realized + unrealized), only position-reducing orders pass. Per-portfolio overrides: portfolio.<id>.max.loss.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Max daily loss", description = "A positive amount in the portfolio currency.")
        String max_loss() default "50000";
    }

    @Activate
    public MaxDailyLossComponent(Config config, Map<String, Object> properties) {
        super(new MaxDailyLossRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<MaxDailyLossRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> MaxDailyLossRule.Limits.of(config.max_loss(), properties);
    }
}
