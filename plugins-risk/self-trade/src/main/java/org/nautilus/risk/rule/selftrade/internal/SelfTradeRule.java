package org.nautilus.risk.rule.selftrade.internal;

import java.util.List;
import java.util.Locale;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Side;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;

/**
 * Self-trade prevention: denies an order that would trade against one of our own open orders on the other
 * side (a wash trade): a BUY priced at or above our resting SELL, a SELL at or below our resting BUY, a MARKET
 * order against any of them. Untriggered stop orders do not rest in the book and are ignored, as are new stop
 * orders (they cannot trade now). Scope: the same portfolio ({@code portfolio}) or every portfolio of the
 * platform ({@code all}).
 * Configuration: {@code scope = portfolio | all}.
 */
public final class SelfTradeRule extends ConfiguredRule<SelfTradeRule.Limits> {

    public static final String NAME = "self-trade";
    public static final String CODE = "SELF_TRADE";

    /** Whose resting orders count as our own. */
    public enum Scope {
        PORTFOLIO, ALL
    }

    /** @param scope whose resting orders count */
    public record Limits(Scope scope) {

        public static Limits of(String scope) {
            return new Limits(PerPortfolio.parse("scope", scope, text -> {
                try {
                    return Scope.valueOf(text.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("must be 'portfolio' or 'all'");
                }
            }));
        }
    }

    public SelfTradeRule() {
        super(NAME);
    }

    public SelfTradeRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        if (request.type() == OrderType.STOP || request.type() == OrderType.STOP_LIMIT) {
            return RiskDecision.approve();
        }
        List<Order> candidates = limits.scope() == Scope.ALL
                ? context.openOrders(request.instrumentId())
                : context.openOrders(request.portfolioId(), request.instrumentId());
        Side opposite = request.side().opposite();
        for (Order resting : candidates) {
            if (resting.side() != opposite || resting.clientOrderId().equals(request.clientOrderId())) {
                continue;
            }
            Price restingPrice = restingPrice(resting);
            if (restingPrice == null && !isLiveMarket(resting)) {
                continue;
            }
            if (crosses(request, restingPrice)) {
                return reject(CODE, request.side() + " " + Numbers.format(request.quantity().raw()) + " "
                        + request.instrumentId() + " at "
                        + (request.limitPrice() == null ? "MARKET" : request.limitPrice())
                        + " would trade against own open " + resting.side() + " order " + resting.clientOrderId()
                        + " at " + (restingPrice == null ? "MARKET" : restingPrice)
                        + (resting.portfolioId().equals(request.portfolioId()) ? ""
                                : " of portfolio " + resting.portfolioId()));
            }
        }
        return RiskDecision.approve();
    }

    /** The price a resting order trades at: its limit, once live; {@code null} for a market order or a dormant stop. */
    private static Price restingPrice(Order o) {
        OrderType type = o.request().type();
        if (type == OrderType.LIMIT || (type == OrderType.STOP_LIMIT && o.status() == OrderStatus.TRIGGERED)) {
            return o.request().limitPrice();
        }
        return null;
    }

    private static boolean isLiveMarket(Order o) {
        OrderType type = o.request().type();
        return type == OrderType.MARKET || (type == OrderType.STOP && o.status() == OrderStatus.TRIGGERED);
    }

    /** {@code restingPrice == null}: a live market order, which trades against anything. */
    private static boolean crosses(OrderRequest incoming, Price restingPrice) {
        if (incoming.limitPrice() == null || restingPrice == null) {
            return true;
        }
        int cmp = incoming.limitPrice().compareTo(restingPrice);
        return incoming.side() == Side.BUY ? cmp >= 0 : cmp <= 0;
    }

    @Override
    protected String describe(Limits limits) {
        return "no trading against own open orders ("
                + (limits.scope() == Scope.ALL ? "any portfolio" : "same portfolio") + ")";
    }
}
