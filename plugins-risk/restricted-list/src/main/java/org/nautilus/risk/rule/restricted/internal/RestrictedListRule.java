package org.nautilus.risk.rule.restricted.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.support.LiveLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Restricted list: the symbols compliance restricts (inside information, an underwriting, a watch list) may not be
 * traded by any portfolio, on either side. It is separate from the allowlist ({@code symbol-allowlist}, what a
 * portfolio may trade at all) and has its own code, so a desk sees why; edits apply at runtime
 * ({@code config:property-set -p nautilus.risk.restricted_list symbols "GME, AMC"} or the cfg file).
 * Configuration: {@code symbols} (comma or blank separated, empty: none), {@code reason} (shown with each denial).
 */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = RestrictedListRule.PID, property = {
        ConfigurationCheck.PID + "=" + RestrictedListRule.PID,
        RiskRule.NAME_PROPERTY + "=" + RestrictedListRule.NAME,
        "service.ranking:Integer=850"})
@Designate(ocd = RestrictedListRule.Config.class)
public final class RestrictedListRule implements RiskRule, ConfigurationCheck {

    public static final String PID = "nautilus.risk.restricted_list";

    @ObjectClassDefinition(name = "Nautilus risk: restricted list", description = "Symbols no portfolio may trade (compliance), separate from the allowlist; edits apply at "
            + "runtime.")
    public @interface Config {
        @AttributeDefinition(name = "Symbols", required = false, description = "Restricted symbols, comma separated; empty: none.")
        String symbols() default "";

        @AttributeDefinition(name = "Reason", required = false, description = "Why they are restricted, shown with each denial.")
        String reason() default "compliance restricted list";
    }

    public static final String NAME = "restricted-list";
    public static final String CODE = "RESTRICTED_SYMBOL";

    /**
     * @param symbols the restricted symbols
     * @param reason  why they are restricted, shown in each denial
     */
    public record Limits(Set<InstrumentId> symbols, String reason) {

        public Limits {
            symbols = Set.copyOf(symbols);
        }

        public static Limits of(Map<String, ?> properties) {
            Object listed = properties.get("symbols");
            Object why = properties.get("reason");
            Set<InstrumentId> symbols;
            try {
                symbols = listed == null ? Set.of()
                        : Arrays.stream(String.valueOf(listed).split("[,\\s]+"))
                                .filter(s -> !s.isEmpty()).map(InstrumentId::of).collect(Collectors.toSet());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("symbols = '" + listed + "': " + e.getMessage(), e);
            }
            String reason = why == null || String.valueOf(why).isBlank() ? "compliance restricted list"
                    : String.valueOf(why).strip();
            return new Limits(symbols, reason);
        }

        @Override
        public String toString() {
            return symbols.isEmpty() ? "none"
                    : new TreeSet<>(symbols).stream().map(InstrumentId::value)
                            .collect(Collectors.joining(", "));
        }
    }

    private volatile Limits limits;

    /** A rule with these limits (tests, and the defaults). */
    public RestrictedListRule(Limits limits) {
        this.limits = limits;
    }

    /** The OSGi component: limits from its configuration; invalid ones leave the defaults in force, loudly. */
    @Activate
    public RestrictedListRule(Map<String, Object> properties) {
        this(Limits.of(Map.of()));
        modified(properties);
    }

    /** A configuration edit: applied if valid, otherwise logged and the limits in force stay. */
    @Modified
    public void modified(Map<String, Object> properties) {
        limits = LiveLimits.apply(NAME, limits, () -> Limits.of(properties), this::describe);
    }

    /** For the audit journal: would these properties be refused, and what stays in force then. */
    @Override
    public Optional<Refusal> check(Map<String, Object> properties) {
        return LiveLimits.refusal(() -> Limits.of(properties), this::describe);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String describe() {
        Limits l = limits;
        return "restricted symbols: " + l + " (" + l.reason() + ")";
    }

    @Override
    public RiskDecision check(OrderRequest request, RiskContext context) {
        Limits l = limits;
        if (l.symbols().contains(request.instrumentId())) {
            return RiskDecision.reject(NAME, CODE, request.instrumentId() + " is restricted (" + l.reason()
                    + "): no portfolio may trade it; restricted: " + l);
        }
        return RiskDecision.approve();
    }
}
