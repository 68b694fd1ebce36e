package org.nautilus.risk.rule.maxorderquantity.internal;

import java.util.Map;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;

/**
 * Max order size: an order's quantity must not exceed the portfolio's limit (fat-finger protection).
 * Configuration: {@code max.quantity}, overridden per portfolio by {@code portfolio.<id>.max.quantity}.
 */
public final class MaxOrderQuantityRule extends ConfiguredRule<MaxOrderQuantityRule.Limits> {

    public static final String NAME = "max-order-quantity";
    public static final String CODE = "MAX_ORDER_QUANTITY";
    public static final String KEY = "max.quantity";

    /** @param maxQuantity the largest quantity one order may have */
    public record Limits(PerPortfolio<Quantity> maxQuantity) {

        public static Limits of(String defaultMax, Map<String, ?> properties) {
            Quantity def = PerPortfolio.parse(KEY, defaultMax, Limits::parse);
            return new Limits(PerPortfolio.read(properties, KEY, def, Limits::parse));
        }

        private static Quantity parse(String text) {
            return new Quantity(Numbers.parsePositive(text));
        }
    }

    public MaxOrderQuantityRule() {
        super(NAME);
    }

    public MaxOrderQuantityRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        Quantity max = limits.maxQuantity().get(request.portfolioId());
        if (request.quantity().compareTo(max) > 0) {
            return reject(CODE, "max order quantity " + Numbers.format(max.raw()) + " exceeded: "
                    + Numbers.format(request.quantity().raw()));
        }
        return RiskDecision.approve();
    }

    @Override
    protected String describe(Limits limits) {
        return "max order quantity " + limits.maxQuantity().describe(q -> Numbers.format(q.raw()));
    }
}
