package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskRule;
import org.nautilus.risk.internal.engine.EngineConfig;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.Orders;
import org.nautilus.risk.rule.maxleverage.internal.MaxLeverageRule;

class MaxLeverageRuleTest {

    /** The desk of every test: the engine valuing portfolios in full ({@link MaxLeverageRuleRunningTest}: running). */
    Desk desk(EngineConfig config, RiskRule... rules) {
        return new Desk(config, rules);
    }

    // Capital 1,000,000, max leverage 4: gross exposure up to 4,000,000.
    private final Desk desk = desk(Desk.capital("1000000"),
            new MaxLeverageRule(MaxLeverageRule.Limits.of("4", Map.of("portfolio.alpha.max.leverage", "1.5"))))
                    .equity("AAPL", "200").equity("MSFT", "400");

    @Test
    void with3_8MillionGrossABuyOf2000AaplIsDeniedMaxLeverage4Exceeded() {
        desk.position("main", "AAPL", 10_000, "200"); // 2,000,000
        desk.position("main", "MSFT", -4_500, "400"); // 1,800,000 short: gross 3,800,000

        RiskDecision decision = desk.check(buy(2000, "AAPL"));

        assertThat(decision.code()).isEqualTo("MAX_LEVERAGE");
        assertThat(decision.message())
                .isEqualTo("max leverage 4 exceeded: 4.2 (gross exposure 4,200,000 on equity 1,000,000)");
    }

    @Test
    void anExcessInTheThirdDecimalShowsInTheMessage() {
        desk.position("main", "AAPL", 20_010, "200"); // 4,002,000: leverage 4.002

        RiskDecision decision = desk.check(buy(10, "AAPL"));

        assertThat(decision.message()).startsWith("max leverage 4 exceeded: 4.004 ");
    }

    @Test
    void aBuyUpToExactly4TimesEquityIsApproved() {
        desk.position("main", "AAPL", 10_000, "200");
        desk.position("main", "MSFT", -4_500, "400");

        assertThat(desk.check(buy(1000, "AAPL")).approved()).isTrue();
    }

    @Test
    void shortsAddToGrossExposure() {
        desk.position("main", "MSFT", -9_000, "400"); // 3,600,000 short

        assertThat(desk.check(sell(1001, "MSFT")).approved()).isFalse();
    }

    @Test
    void profitsRaiseEquityAndSoTheRoom() {
        desk.position("main", "AAPL", 10_000, "180"); // +200,000 unrealized at 200: equity 1,200,000
        desk.position("main", "MSFT", -4_500, "400");

        assertThat(desk.check(buy(2000, "AAPL")).approved()).isTrue(); // 4.2M / 1.2M = 3.5
    }

    @Test
    void reducingOrdersPassEvenWhenOverLevered() {
        desk.position("main", "AAPL", 25_000, "200"); // 5,000,000: leverage 5

        assertThat(desk.check(sell(5000, "AAPL")).approved()).isTrue();
        assertThat(desk.check(buy(1, "AAPL")).approved()).isFalse();
    }

    @Test
    void portfolioAlphaIsLimitedTo1_5() {
        RiskDecision decision = desk.check(Orders.forPortfolio(buy(7600, "AAPL"), "alpha"));

        assertThat(decision.message()).startsWith("max leverage 1.5 exceeded: 1.52");
    }

    @Test
    void hugeCapitalAndLeverageDoNotOverflow() {
        Desk rich = desk(Desk.capital("90000000000"),
                new MaxLeverageRule(MaxLeverageRule.Limits.of("1000", Map.of()))).equity("AAPL", "200");

        assertThat(rich.check(buy(1000, "AAPL")).approved()).isTrue();
    }
}
