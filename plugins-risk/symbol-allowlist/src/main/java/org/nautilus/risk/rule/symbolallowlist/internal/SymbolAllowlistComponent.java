package org.nautilus.risk.rule.symbolallowlist.internal;

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

/** Publishes {@link SymbolAllowlistRule}, configured live from {@code etc/nautilus.risk.symbol_allowlist.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = SymbolAllowlistComponent.PID, property = {
                ConfigurationCheck.PID + "=" + SymbolAllowlistComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + SymbolAllowlistRule.NAME, "service.ranking:Integer=900"})
@Designate(ocd = SymbolAllowlistComponent.Config.class)
public final class SymbolAllowlistComponent
        extends RuleComponent<SymbolAllowlistRule, SymbolAllowlistRule.Limits, SymbolAllowlistComponent.Config> {

    public static final String PID = "nautilus.risk.symbol_allowlist";

    @ObjectClassDefinition(name = "Nautilus risk: symbol allowlist", description = "Only the listed symbols may be traded; * allows every instrument the market data gateway defines. Per-portfolio overrides: portfolio.<id>.symbols.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Symbols", description = "Comma-separated symbols, or * for every defined instrument.")
        String symbols() default "*";
    }

    @Activate
    public SymbolAllowlistComponent(Config config, Map<String, Object> properties) {
        super(new SymbolAllowlistRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<SymbolAllowlistRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> SymbolAllowlistRule.Limits.of(config.symbols(), properties);
    }
}
