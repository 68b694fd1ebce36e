package org.nautilus.risk.rule.maxnotional.internal;

import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;
import org.nautilus.risk.support.Valuation;

/**
 * Max notional per order: quantity × price × multiplier, in the instrument's quote currency (no FX), valued at
 * the limit price, else the stop price, else the mark for a MARKET order; a MARKET order without a mark is
 * denied ({@code NO_PRICE}) because it cannot be valued.
 * Configuration: {@code max.notional}, per portfolio {@code portfolio.<id>.max.notional}.
 */
public final class MaxNotionalRule extends ConfiguredRule<MaxNotionalRule.Limits> {

    public static final String NAME = "max-notional";
    public static final String CODE = "MAX_NOTIONAL";
    public static final String NO_PRICE = "NO_PRICE";
    public static final String KEY = "max.notional";

    /** @param maxNotional the largest notional of one order */
    public record Limits(PerPortfolio<Money> maxNotional) {

        public static Limits of(String defaultMax, Map<String, ?> properties) {
            Money def = PerPortfolio.parse(KEY, defaultMax, Limits::parse);
            return new Limits(PerPortfolio.read(properties, KEY, def, Limits::parse));
        }

        private static Money parse(String text) {
            return new Money(Numbers.parsePositive(text));
        }
    }

    public MaxNotionalRule() {
        super(NAME);
    }

    public MaxNotionalRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        Optional<Price> price = Valuation.orderPrice(request, context);
        if (price.isEmpty()) {
            return reject(NO_PRICE, "no price to value a " + request.type() + " order in "
                    + request.instrumentId() + ": no last trade or quote yet");
        }
        Optional<Instrument> instrument = context.instrument(request.instrumentId());
        Money notional = instrument.map(i -> i.notional(request.quantity(), price.get()))
                .orElseGet(() -> request.quantity().notional(price.get()));
        Money max = limits.maxNotional().get(request.portfolioId());
        if (notional.compareTo(max) > 0) {
            String currency = instrument.map(i -> " " + i.currency()).orElse("");
            return reject(CODE, "max notional " + Numbers.format(max.raw()) + currency + " exceeded: "
                    + Numbers.format(notional.raw()));
        }
        return RiskDecision.approve();
    }

    @Override
    protected String describe(Limits limits) {
        return "max notional " + limits.maxNotional().describe(m -> Numbers.format(m.raw())) + " per order";
    }
}
