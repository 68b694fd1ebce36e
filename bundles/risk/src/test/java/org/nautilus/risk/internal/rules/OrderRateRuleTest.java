package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.orderrate.internal.OrderRateRule;

class OrderRateRuleTest {

    private final Desk desk = new Desk(new OrderRateRule(OrderRateRule.Limits.of(5, 1000,
            Map.of("portfolio.algo.max.orders", "2")))).equity("AAPL", "190");

    @Test
    void theSixthOrderWithinOneSecondIsDeniedOrderRate5Per1sExceeded() {
        for (int i = 0; i < 5; i++) {
            assertThat(desk.check(buy(1, "AAPL")).approved()).isTrue();
            desk.advance(Duration.ofMillis(100));
        }

        var decision = desk.check(buy(1, "AAPL"));

        assertThat(decision.code()).isEqualTo("ORDER_RATE");
        assertThat(decision.message()).isEqualTo("order rate 5 per 1s exceeded: 6");
    }

    @Test
    void theWindowSlides() {
        for (int i = 0; i < 5; i++) {
            desk.check(buy(1, "AAPL"));
            desk.advance(Duration.ofMillis(100));
        }
        assertThat(desk.check(buy(1, "AAPL")).approved()).isFalse(); // t = 500 ms

        desk.advance(Duration.ofMillis(501)); // t = 1001 ms: the first order (t = 0) left the window

        assertThat(desk.check(buy(1, "AAPL")).approved()).isTrue();
        assertThat(desk.check(buy(1, "AAPL")).approved()).isFalse();
    }

    @Test
    void deniedOrdersDoNotUseTheBudget() {
        for (int i = 0; i < 20; i++) {
            desk.check(buy(1, "AAPL"));
        }
        desk.advance(Duration.ofMillis(1001));

        for (int i = 0; i < 5; i++) {
            assertThat(desk.check(buy(1, "AAPL")).approved()).isTrue();
        }
    }

    @Test
    void eachPortfolioHasItsOwnBudgetAndAlgoOnlyTwo() {
        assertThat(desk.check(forPortfolio(buy(1, "AAPL"), "algo")).approved()).isTrue();
        assertThat(desk.check(forPortfolio(buy(1, "AAPL"), "algo")).approved()).isTrue();
        assertThat(desk.check(forPortfolio(buy(1, "AAPL"), "algo")).message())
                .isEqualTo("order rate 2 per 1s exceeded: 3");
        assertThat(desk.check(buy(1, "AAPL")).approved()).isTrue();
    }
}
