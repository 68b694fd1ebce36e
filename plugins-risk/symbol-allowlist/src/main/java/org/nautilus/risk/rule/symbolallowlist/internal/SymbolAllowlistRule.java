package org.nautilus.risk.rule.symbolallowlist.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.PerPortfolio;

/**
 * Symbol allowlist: a portfolio may only trade the listed instruments. {@code *} allows every instrument the
 * market data gateway defines (an unknown symbol is still denied).
 * Configuration: {@code symbols = AAPL, MSFT} or {@code *}, per portfolio {@code portfolio.<id>.symbols}.
 */
public final class SymbolAllowlistRule extends ConfiguredRule<SymbolAllowlistRule.Limits> {

    public static final String NAME = "symbol-allowlist";
    public static final String CODE = "SYMBOL_NOT_ALLOWED";
    public static final String UNKNOWN = "UNKNOWN_INSTRUMENT";
    public static final String KEY = "symbols";

    /**
     * One portfolio's allowlist.
     *
     * @param any     {@code true} for {@code *}: every defined instrument
     * @param symbols the allowed symbols when not {@code any}
     */
    public record Allowlist(boolean any, Set<InstrumentId> symbols) {

        public Allowlist {
            symbols = Set.copyOf(symbols);
        }

        static Allowlist parse(String text) {
            if (text.equals("*")) {
                return new Allowlist(true, Set.of());
            }
            Set<InstrumentId> ids = Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty())
                    .map(InstrumentId::of).collect(Collectors.toSet());
            if (ids.isEmpty()) {
                throw new IllegalArgumentException("list the allowed symbols (e.g. AAPL, MSFT) or * for all");
            }
            return new Allowlist(false, ids);
        }

        boolean allows(InstrumentId id) {
            return any || symbols.contains(id);
        }

        @Override
        public String toString() {
            return any ? "*"
                    : new TreeSet<>(symbols).stream().map(InstrumentId::value)
                            .collect(Collectors.joining(", "));
        }
    }

    /** @param allowlist the allowlist per portfolio */
    public record Limits(PerPortfolio<Allowlist> allowlist) {

        public static Limits of(String defaultSymbols, Map<String, ?> properties) {
            Allowlist def = PerPortfolio.parse(KEY, defaultSymbols, Allowlist::parse);
            return new Limits(PerPortfolio.read(properties, KEY, def, Allowlist::parse));
        }
    }

    public SymbolAllowlistRule() {
        super(NAME);
    }

    public SymbolAllowlistRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        Allowlist allowlist = limits.allowlist().get(request.portfolioId());
        if (!allowlist.allows(request.instrumentId())) {
            return reject(CODE, request.instrumentId() + " is not on the allowlist of portfolio "
                    + request.portfolioId() + " (" + allowlist + ")");
        }
        if (allowlist.any() && context.instrument(request.instrumentId()).isEmpty()) {
            return reject(UNKNOWN, request.instrumentId() + " is not an instrument the market data gateway defines");
        }
        return RiskDecision.approve();
    }

    @Override
    protected String describe(Limits limits) {
        return "symbols " + limits.allowlist().describe(a -> a.any() ? "* (every defined instrument)" : a.toString());
    }
}
