package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.maxposition.internal.MaxPositionRule;

class MaxPositionRuleTest {

    private final Desk desk = new Desk(new MaxPositionRule(
            MaxPositionRule.Limits.of("10000", Map.of("portfolio.alpha.max.position", "500"))))
                    .equity("AAPL", "190");

    @Test
    void long9000AaplABuyOf1500IsDeniedMaxPosition10000Exceeded() {
        desk.position("main", "AAPL", 9000, "180");

        RiskDecision decision = desk.check(buy(1500, "AAPL"));

        assertThat(decision.code()).isEqualTo("MAX_POSITION");
        assertThat(decision.message())
                .isEqualTo("max position 10,000 AAPL exceeded: 10,500 (position 9000, open BUY 0, this BUY 1500)");
    }

    @Test
    void long9000AaplABuyOf1000ReachesTheLimitExactlyAndIsApproved() {
        desk.position("main", "AAPL", 9000, "180");

        assertThat(desk.check(buy(1000, "AAPL")).approved()).isTrue();
    }

    @Test
    void openBuyOrdersCountTowardsTheLimit() {
        desk.position("main", "AAPL", 9000, "180");
        desk.working(buyLimit(800, "AAPL", "189"));

        assertThat(desk.check(buy(300, "AAPL")).message())
                .isEqualTo("max position 10,000 AAPL exceeded: 10,100 (position 9000, open BUY 800, this BUY 300)");
    }

    @Test
    void anOpenOrderThatIsCanceledNoLongerCounts() {
        desk.position("main", "AAPL", 9000, "180");
        var open = desk.working(buyLimit(800, "AAPL", "189"));
        desk.report(open, OrderStatus.CANCELED);

        assertThat(desk.check(buy(300, "AAPL")).approved()).isTrue();
    }

    @Test
    void theLimitHoldsForShortsToo() {
        desk.position("main", "AAPL", -9500, "200");

        assertThat(desk.check(sell(501, "AAPL")).message()).startsWith("max position 10,000 AAPL exceeded: -10,001");
    }

    @Test
    void aSellThatFlipsFarBeyondTheLimitIsDenied() {
        desk.position("main", "AAPL", 4000, "180");

        assertThat(desk.check(sell(15_000, "AAPL")).message()).startsWith("max position 10,000 AAPL exceeded: -11,000");
    }

    @Test
    void aPositionAboveALoweredLimitCanStillBeReduced() {
        desk.position("main", "AAPL", 12_000, "180");

        assertThat(desk.check(sell(1000, "AAPL")).approved()).isTrue();
        assertThat(desk.check(buy(1, "AAPL")).approved()).isFalse();
    }

    @Test
    void portfolioAlphaHasAPositionLimitOf500() {
        assertThat(desk.check(forPortfolio(buy(600, "AAPL"), "alpha")).message())
                .startsWith("max position 500 AAPL exceeded: 600");
        assertThat(desk.check(buy(600, "AAPL")).approved()).isTrue();
    }
}
