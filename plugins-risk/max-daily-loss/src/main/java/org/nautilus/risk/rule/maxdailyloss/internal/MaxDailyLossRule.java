package org.nautilus.risk.rule.maxdailyloss.internal;

import java.util.Map;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Numbers;
import org.nautilus.risk.support.PerPortfolio;
import org.nautilus.risk.support.Valuation;

/**
 * Max daily loss: once the portfolio's P&amp;L since the start of the trading day (realized + unrealized,
 * after commissions) has lost the limit, only orders that reduce a position are accepted.
 * Configuration: {@code max.loss} (a positive amount), per portfolio {@code portfolio.<id>.max.loss}.
 */
public final class MaxDailyLossRule extends ConfiguredRule<MaxDailyLossRule.Limits> {

    public static final String NAME = "max-daily-loss";
    public static final String CODE = "MAX_DAILY_LOSS";
    public static final String KEY = "max.loss";

    /** @param maxLoss the largest loss allowed in a day, positive */
    public record Limits(PerPortfolio<Money> maxLoss) {

        public static Limits of(String defaultMax, Map<String, ?> properties) {
            Money def = PerPortfolio.parse(KEY, defaultMax, Limits::parse);
            return new Limits(PerPortfolio.read(properties, KEY, def, Limits::parse));
        }

        private static Money parse(String text) {
            return new Money(Numbers.parsePositive(text));
        }
    }

    public MaxDailyLossRule() {
        super(NAME);
    }

    public MaxDailyLossRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        Money max = limits.maxLoss().get(request.portfolioId());
        Money daily = context.dailyPnl(request.portfolioId());
        if (daily.raw() > -max.raw()) {
            return RiskDecision.approve();
        }
        if (Valuation.reduces(request, context.position(request.portfolioId(), request.instrumentId()),
                context.openOrders(request.portfolioId(), request.instrumentId()))) {
            return RiskDecision.approve();
        }
        return reject(CODE, "max daily loss " + Numbers.format(max.raw()) + " reached: daily P&L "
                + Numbers.format(daily.raw()) + "; only orders that reduce a position are accepted");
    }

    @Override
    protected String describe(Limits limits) {
        return "max daily loss " + limits.maxLoss().describe(m -> Numbers.format(m.raw()));
    }
}
