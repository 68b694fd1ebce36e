package org.nautilus.risk.rule.maxposition.internal;

import java.util.List;
import java.util.Map;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;
import org.nautilus.risk.support.Valuation;

/**
 * Max position size per instrument: the position if this order and the portfolio's other open orders on
 * the same side all fill must stay within the limit, long or short. An order that only reduces the position
 * always passes, so a position above a lowered limit can be worked down.
 * Configuration: {@code max.position}, per portfolio {@code portfolio.<id>.max.position}.
 */
public final class MaxPositionRule extends ConfiguredRule<MaxPositionRule.Limits> {

    public static final String NAME = "max-position";
    public static final String CODE = "MAX_POSITION";
    public static final String KEY = "max.position";

    /** @param maxPosition the largest absolute position per instrument */
    public record Limits(PerPortfolio<Quantity> maxPosition) {

        public static Limits of(String defaultMax, Map<String, ?> properties) {
            Quantity def = PerPortfolio.parse(KEY, defaultMax, Limits::parse);
            return new Limits(PerPortfolio.read(properties, KEY, def, Limits::parse));
        }

        private static Quantity parse(String text) {
            return new Quantity(Numbers.parsePositive(text));
        }
    }

    public MaxPositionRule() {
        super(NAME);
    }

    public MaxPositionRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        Position position = context.position(request.portfolioId(), request.instrumentId());
        List<Order> open = context.openOrders(request.portfolioId(), request.instrumentId());
        if (Valuation.reduces(request, position, open)) {
            return RiskDecision.approve();
        }
        long projected = Valuation.projectedPosition(request, position, open);
        Quantity max = limits.maxPosition().get(request.portfolioId());
        if (Math.abs(projected) > max.raw()) {
            long openSameSide = Valuation.openQuantity(open, request.side(), request.clientOrderId());
            return reject(CODE, "max position " + Numbers.format(max.raw()) + " " + request.instrumentId()
                    + " exceeded: " + Numbers.format(projected) + " (position "
                    + Numbers.format(position.quantity().raw()) + ", open " + request.side() + " "
                    + Numbers.format(openSameSide) + ", this " + request.side() + " "
                    + Numbers.format(request.quantity().raw()) + ")");
        }
        return RiskDecision.approve();
    }

    @Override
    protected String describe(Limits limits) {
        return "max position " + limits.maxPosition().describe(q -> Numbers.format(q.raw())) + " per instrument";
    }
}
