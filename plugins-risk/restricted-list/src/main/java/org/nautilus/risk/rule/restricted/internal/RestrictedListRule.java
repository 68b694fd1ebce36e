package org.nautilus.risk.rule.restricted.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Position;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.support.LiveLimits;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.Valuation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Restricted list: the symbols compliance restricts (inside information, an underwriting, a watch list) may not be
 * traded by any portfolio, on either side. An entry marked {@code (close-only)} lets an order through that only
 * reduces the portfolio's position (with its other working orders on that side it cannot flip or grow it), and refuses
 * the others with the same code. It is separate from the allowlist ({@code symbol-allowlist}, what a portfolio may
 * trade at all) and has its own code, so a desk sees why; edits apply at runtime
 * ({@code config:property-set -p nautilus.risk.restricted_list symbols "GME, AMC(close-only)"} or the cfg file).
 * Configuration: {@code symbols} (comma or blank separated, each optionally followed by {@code (close-only)}; empty:
 * none), {@code reason} (shown with each denial).
 */
@Component(service = {RiskRule.class, ConfigurationCheck.class}, configurationPid = RestrictedListRule.PID, property = {
        ConfigurationCheck.PID + "=" + RestrictedListRule.PID,
        RiskRule.NAME_PROPERTY + "=" + RestrictedListRule.NAME,
        "service.ranking:Integer=850"})
@Designate(ocd = RestrictedListRule.Config.class)
public final class RestrictedListRule implements RiskRule, ConfigurationCheck {

    public static final String PID = "nautilus.risk.restricted_list";

    @ObjectClassDefinition(name = "Nautilus risk: restricted list", description = "Symbols no portfolio may trade (compliance), separate from the allowlist; an entry "
            + "SYMBOL(close-only) allows only orders that reduce a position; edits apply at runtime.")
    public @interface Config {
        @AttributeDefinition(name = "Symbols", required = false, description = "Restricted symbols, comma separated, "
                + "each optionally followed by (close-only); empty: none.")
        String symbols() default "";

        @AttributeDefinition(name = "Reason", required = false, description = "Why they are restricted, shown with each denial.")
        String reason() default "compliance restricted list";
    }

    public static final String NAME = "restricted-list";
    public static final String CODE = "RESTRICTED_SYMBOL";
    /** The option of an entry whose position may only be reduced. */
    public static final String CLOSE_ONLY = "close-only";

    /** An option in parentheses after a symbol, blanks around the parentheses allowed. */
    private static final Pattern OPTION = Pattern.compile("\\s*\\(\\s*([^()]*?)\\s*\\)");

    /**
     * @param symbols   the symbols no order may trade
     * @param closeOnly the symbols only position-reducing orders may trade
     * @param reason    why they are restricted, shown in each denial
     */
    public record Limits(Set<InstrumentId> symbols, Set<InstrumentId> closeOnly, String reason) {

        public Limits {
            symbols = Set.copyOf(symbols);
            closeOnly = Set.copyOf(closeOnly);
        }

        public static Limits of(Map<String, ?> properties) {
            Object listed = properties.get("symbols");
            Object why = properties.get("reason");
            Set<InstrumentId> symbols = new HashSet<>();
            Set<InstrumentId> closeOnly = new HashSet<>();
            if (listed != null) {
                // "AMC (close-only)" -> "AMC(close-only)", then one entry per comma- or blank-separated token.
                String text = OPTION.matcher(String.valueOf(listed)).replaceAll("($1)");
                for (String entry : text.split("[,\\s]+")) {
                    if (!entry.isEmpty()) {
                        entry(listed, entry, symbols, closeOnly);
                    }
                }
            }
            String reason = why == null || String.valueOf(why).isBlank() ? "compliance restricted list"
                    : String.valueOf(why).strip();
            return new Limits(symbols, closeOnly, reason);
        }

        private static void entry(Object listed, String entry, Set<InstrumentId> symbols,
                Set<InstrumentId> closeOnly) {
            int open = entry.indexOf('(');
            String symbol = open < 0 ? entry : entry.substring(0, open);
            String option = open < 0 ? null : entry.substring(open + 1, entry.length() - 1);
            if (open >= 0 && !entry.endsWith(")") || option != null && !option.equals(CLOSE_ONLY)) {
                throw new IllegalArgumentException("symbols = '" + listed + "': '" + entry + "' has an unknown "
                        + "option (the one option is " + symbol + "(" + CLOSE_ONLY + "))");
            }
            InstrumentId id;
            try {
                id = InstrumentId.of(symbol);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("symbols = '" + listed + "': " + e.getMessage(), e);
            }
            if (symbols.contains(id) || closeOnly.contains(id)) {
                throw new IllegalArgumentException("symbols = '" + listed + "': " + id + " is listed twice");
            }
            (option == null ? symbols : closeOnly).add(id);
        }

        @Override
        public String toString() {
            if (symbols.isEmpty() && closeOnly.isEmpty()) {
                return "none";
            }
            Set<InstrumentId> all = new TreeSet<>(symbols);
            all.addAll(closeOnly);
            return all.stream().map(id -> closeOnly.contains(id) ? id + "(" + CLOSE_ONLY + ")" : id.value())
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
        return l.closeOnly().contains(request.instrumentId()) ? closing(request, context, l) : RiskDecision.approve();
    }

    /** An amend of an order in a close-only symbol must still only reduce the position. */
    @Override
    public RiskDecision checkAmend(Order order, OrderRequest amended, RiskContext context) {
        Limits l = limits;
        return l.closeOnly().contains(amended.instrumentId()) ? closing(amended, context, l) : RiskDecision.approve();
    }

    /** A close-only symbol: the order passes if it (with the other working orders on its side) only reduces. */
    private static RiskDecision closing(OrderRequest request, RiskContext context, Limits l) {
        Position position = context.position(request.portfolioId(), request.instrumentId());
        List<Order> open = context.openOrders(request.portfolioId(), request.instrumentId());
        if (Valuation.reduces(request, position, open)) {
            return RiskDecision.approve();
        }
        return RiskDecision.reject(NAME, CODE, request.instrumentId() + " is restricted close-only (" + l.reason()
                + "): " + request.side() + " " + Numbers.format(request.quantity().raw()) + " would not only reduce "
                + request.portfolioId() + "'s position of " + Numbers.format(position.quantity().raw())
                + " (open " + request.side() + " orders " + Numbers.format(Valuation.openQuantity(open,
                        request.side(), request.clientOrderId()))
                + ")");
    }
}
