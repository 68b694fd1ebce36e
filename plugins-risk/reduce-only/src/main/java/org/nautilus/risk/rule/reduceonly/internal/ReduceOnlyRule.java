package org.nautilus.risk.rule.reduceonly.internal;

import java.util.List;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Position;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.Valuation;

/**
 * Reduce-only enforcement: an order flagged reduce-only must be on the side opposite the position and, with
 * the portfolio's other open orders on that side, not exceed it, so no fill can open, grow or flip a position.
 * Configuration: only {@code enabled}.
 */
public final class ReduceOnlyRule extends ConfiguredRule<ReduceOnlyRule.Limits> {

    public static final String NAME = "reduce-only";
    public static final String CODE = "REDUCE_ONLY";

    /** Nothing to configure but {@code enabled}. */
    public record Limits() {
    }

    public ReduceOnlyRule() {
        super(NAME, new Limits());
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        if (!request.reduceOnly()) {
            return RiskDecision.approve();
        }
        Position position = context.position(request.portfolioId(), request.instrumentId());
        List<Order> open = context.openOrders(request.portfolioId(), request.instrumentId());
        if (Valuation.reduces(request, position, open)) {
            return RiskDecision.approve();
        }
        String order = "reduce-only " + request.side() + " " + Numbers.format(request.quantity().raw()) + " "
                + request.instrumentId();
        long held = position.quantity().raw();
        if (held == 0 || Long.signum(held) == request.side().sign()) {
            return reject(CODE, order + " cannot reduce a position of " + Numbers.format(held));
        }
        return reject(CODE, order + " would flip the position of " + Numbers.format(held) + " (open "
                + request.side() + " orders " + Numbers.format(Valuation.openQuantity(open, request.side(),
                        request.clientOrderId()))
                + ")");
    }

    @Override
    protected String describe(Limits limits) {
        return "reduce-only orders may only reduce a position";
    }
}
