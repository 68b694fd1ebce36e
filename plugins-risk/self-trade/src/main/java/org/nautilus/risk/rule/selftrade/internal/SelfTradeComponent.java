package org.nautilus.risk.rule.selftrade.internal;

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

/** Publishes {@link SelfTradeRule}, configured live from {@code etc/nautilus.risk.self_trade.cfg}. */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = SelfTradeComponent.PID, property = {
        ConfigurationCheck.PID + "=" + SelfTradeComponent.PID,
        RiskRule.NAME_PROPERTY + "=" + SelfTradeRule.NAME, "service.ranking:Integer=400"})
@Designate(ocd = SelfTradeComponent.Config.class)
public final class SelfTradeComponent
        extends RuleComponent<SelfTradeRule, SelfTradeRule.Limits, SelfTradeComponent.Config> {

    public static final String PID = "nautilus.risk.self_trade";

    @ObjectClassDefinition(name = "Nautilus risk: self-trade prevention", description = "Denies an order that would trade against our own open order on the other side.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Scope", description = "portfolio: same portfolio only; all: every portfolio of the platform.")
        String scope() default "portfolio";
    }

    @Activate
    public SelfTradeComponent(Config config, Map<String, Object> properties) {
        super(new SelfTradeRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<SelfTradeRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> SelfTradeRule.Limits.of(config.scope());
    }
}
