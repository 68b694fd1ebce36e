package org.nautilus.risk.rule.orderrate.internal;

import java.time.Duration;
import java.util.Map;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.risk.RiskContext;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.support.ConfiguredRule;
import org.nautilus.risk.support.Durations;
import org.nautilus.risk.support.PerPortfolio;

/**
 * Order-submit rate throttle: at most {@code max.orders} approved orders per portfolio in any sliding window
 * of {@code window.ms}. The history lives in the engine (it records each approval under the portfolio's
 * lock), so the rule itself stays a pure function.
 * Configuration: {@code max.orders}, {@code window.ms}, per portfolio {@code portfolio.<id>.max.orders}.
 */
public final class OrderRateRule extends ConfiguredRule<OrderRateRule.Limits> {

    public static final String NAME = "order-rate";
    public static final String CODE = "ORDER_RATE";
    public static final String KEY = "max.orders";

    /**
     * @param maxOrders the most orders per window
     * @param window    the sliding window
     */
    public record Limits(PerPortfolio<Integer> maxOrders, Duration window) {

        public static Limits of(int defaultMax, long windowMs, Map<String, ?> properties) {
            Integer def = PerPortfolio.parse(KEY, defaultMax, Limits::parse);
            return new Limits(PerPortfolio.read(properties, KEY, def, Limits::parse),
                    Durations.parseMillis("window.ms", windowMs));
        }

        private static Integer parse(String text) {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
            return n;
        }
    }

    public OrderRateRule() {
        super(NAME);
    }

    public OrderRateRule(Limits limits) {
        super(NAME, limits);
    }

    @Override
    protected RiskDecision check(OrderRequest request, RiskContext context, Limits limits) {
        int max = limits.maxOrders().get(request.portfolioId());
        int recent = context.submitCount(request.portfolioId(), context.now().minus(limits.window()));
        if (recent >= max) {
            return reject(CODE, "order rate " + max + " per " + Durations.format(limits.window())
                    + " exceeded: " + (recent + 1));
        }
        return RiskDecision.approve();
    }

    @Override
    protected String describe(Limits limits) {
        return "order rate " + limits.maxOrders().describe(String::valueOf) + " per "
                + Durations.format(limits.window());
    }
}
