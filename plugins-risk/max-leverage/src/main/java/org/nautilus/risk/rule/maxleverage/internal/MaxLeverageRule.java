package org.nautilus.risk.rule.maxleverage.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.FixedPoint;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;
import org.nautilus.risk.support.Valuation;

/**
 * Max portfolio leverage: gross exposure (Σ |quantity × mark × multiplier|) after the order, with the
 * portfolio's other open orders in the instrument on the same side, must not exceed the limit times equity
 * (capital + P&amp;L to date). An order that only reduces a position always passes.
 * Configuration: {@code max.leverage} (e.g. {@code 4}), per portfolio {@code portfolio.<id>.max.leverage}.
 */
public final class MaxLeverageRule extends ConfiguredRule<MaxLeverageRule.Limits> {

    public static final String NAME = "max-leverage";
    public static final String CODE = "MAX_LEVERAGE";
    public static final String NO_PRICE = "NO_PRICE";
    public static final String KEY = "max.leverage";

    /** @param maxLeverage the largest gross exposure / equity, raw fixed-point ratio */
    public record Limits(PerPortfolio<Long> maxLeverage) {

        public static Limits of(String defaultMax, Map<String, ?> properties) {
            Long def = PerPortfolio.parse(KEY, defaultMax, Numbers::parsePositive);
            return new Limits(PerPortfolio.read(properties, KEY, def, Numbers::parsePositive));
        }
    }

    public MaxLeverageRule() {
        super(NAME);
    }

    public MaxLeverageRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        InstrumentId instrument = request.instrumentId();
        Position position = context.position(request.portfolioId(), instrument);
        List<Order> open = context.openOrders(request.portfolioId(), instrument);
        if (Valuation.reduces(request, position, open)) {
            return RiskDecision.approve();
        }
        Optional<Price> price = context.mark(instrument).or(() -> Valuation.orderPrice(request, context));
        if (price.isEmpty()) {
            return reject(NO_PRICE, "no price to value a " + request.type() + " order in " + instrument);
        }
        // The other positions at their marks: the portfolio's gross exposure (a running total in the risk engine,
        // O(1)) less this instrument's own term, which the projection replaces.
        long gross = Math.subtractExact(context.grossExposure(request.portfolioId()).raw(),
                Math.abs(context.exposure(request.portfolioId(), instrument).raw()));
        long projected = Valuation.projectedPosition(request, position, open);
        gross = Math.addExact(gross, Math.abs(Valuation.exposure(projected, price.get(),
                Valuation.multiplier(instrument, context))));
        long max = limits.maxLeverage().get(request.portfolioId());
        Money equity = context.equity(request.portfolioId());
        if (equity.raw() <= 0) {
            return reject(CODE, "max leverage " + Numbers.format(max) + " exceeded: equity is "
                    + Numbers.format(equity.raw()) + "; only orders that reduce a position are accepted");
        }
        // gross > max × equity, exactly: in raw units gross × ONE > max × equity, compared in 128 bits (the
        // product can exceed the long range of Money)
        if (Numbers.compareProducts(gross, FixedPoint.ONE, max, equity.raw()) > 0) {
            // Six places: a limit below 0.01, or an excess in the third place, still shows in the message.
            BigDecimal leverage = FixedPoint.toBigDecimal(gross).divide(equity.toBigDecimal(), 6, RoundingMode.HALF_UP);
            return reject(CODE, "max leverage " + Numbers.format(max) + " exceeded: " + Numbers.format(leverage)
                    + " (gross exposure " + Numbers.format(gross) + " on equity " + Numbers.format(equity.raw()) + ")");
        }
        return RiskDecision.approve();
    }

    @Override
    protected String describe(Limits limits) {
        return "max leverage " + limits.maxLeverage().describe(Numbers::format) + " (gross exposure / equity)";
    }
}
