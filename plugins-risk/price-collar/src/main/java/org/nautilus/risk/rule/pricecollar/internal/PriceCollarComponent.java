package org.nautilus.risk.rule.pricecollar.internal;

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

/** Publishes {@link PriceCollarRule}, configured live from {@code etc/nautilus.risk.price_collar.cfg}. */
@Component(service = {RiskRule.class,
        ConfigurationCheck.class}, configurationPid = PriceCollarComponent.PID, property = {
                ConfigurationCheck.PID + "=" + PriceCollarComponent.PID,
                RiskRule.NAME_PROPERTY + "=" + PriceCollarRule.NAME, "service.ranking:Integer=600"})
@Designate(ocd = PriceCollarComponent.Config.class)
public final class PriceCollarComponent
        extends RuleComponent<PriceCollarRule, PriceCollarRule.Limits, PriceCollarComponent.Config> {

    public static final String PID = "nautilus.risk.price_collar";

    @ObjectClassDefinition(name = "Nautilus risk: price collar", description = "Denies a LIMIT order priced further than the given percentage from the last/mid price.")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "false: every order passes this rule.")
        boolean enabled() default true;

        @AttributeDefinition(name = "Max deviation (%)", description = "Widest distance of a limit price from the mark, in percent.")
        String max_deviation_percent() default "5";
    }

    @Activate
    public PriceCollarComponent(Config config, Map<String, Object> properties) {
        super(new PriceCollarRule(), Config.class);
        modified(config, properties);
    }

    @Modified
    public void modified(Config config, Map<String, Object> properties) {
        rule.configure(config.enabled(), limits(config, properties));
    }

    @Override
    protected Supplier<PriceCollarRule.Limits> limits(Config config, Map<String, Object> properties) {
        return () -> PriceCollarRule.Limits.of(config.max_deviation_percent());
    }
}
