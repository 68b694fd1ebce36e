package org.nautilus.benchmarks.support;

import java.time.Clock;
import java.util.Map;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.rule.duplicateorder.internal.DuplicateOrderRule;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;
import org.nautilus.risk.rule.maxdailyloss.internal.MaxDailyLossRule;
import org.nautilus.risk.rule.maxleverage.internal.MaxLeverageRule;
import org.nautilus.risk.rule.maxnotional.internal.MaxNotionalRule;
import org.nautilus.risk.rule.maxorderquantity.internal.MaxOrderQuantityRule;
import org.nautilus.risk.rule.maxposition.internal.MaxPositionRule;
import org.nautilus.risk.rule.orderrate.internal.OrderRateRule;
import org.nautilus.risk.rule.pricecollar.internal.PriceCollarRule;
import org.nautilus.risk.rule.reduceonly.internal.ReduceOnlyRule;
import org.nautilus.risk.rule.selftrade.internal.SelfTradeRule;
import org.nautilus.risk.rule.symbolallowlist.internal.SymbolAllowlistRule;

/** The twelve pre-trade rules with limits wide enough that a benchmark's orders pass every one of them. */
public final class BenchmarkRules {

    private BenchmarkRules() {
    }

    public static RiskRule[] all(Clock clock, String... symbols) {
        return new RiskRule[] {
                new KillSwitch(clock),
                new SymbolAllowlistRule(SymbolAllowlistRule.Limits.of(String.join(",", symbols), Map.of())),
                new MaxOrderQuantityRule(MaxOrderQuantityRule.Limits.of("1000000", Map.of())),
                new MaxNotionalRule(MaxNotionalRule.Limits.of("1000000000", Map.of())),
                new PriceCollarRule(PriceCollarRule.Limits.of("50")),
                new ReduceOnlyRule(),
                new DuplicateOrderRule(DuplicateOrderRule.Limits.of(100)),
                new SelfTradeRule(SelfTradeRule.Limits.of("portfolio")),
                new MaxPositionRule(MaxPositionRule.Limits.of("1000000000", Map.of())),
                new MaxDailyLossRule(MaxDailyLossRule.Limits.of("1000000000", Map.of())),
                new MaxLeverageRule(MaxLeverageRule.Limits.of("100", Map.of())),
                new OrderRateRule(OrderRateRule.Limits.of(100_000_000, 1000, Map.of())),
        };
    }
}
