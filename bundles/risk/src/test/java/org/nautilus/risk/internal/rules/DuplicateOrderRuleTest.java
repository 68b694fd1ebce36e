package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Quantity;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.duplicateorder.internal.DuplicateOrderRule;
import org.nautilus.risk.rule.maxorderquantity.internal.MaxOrderQuantityRule;

class DuplicateOrderRuleTest {

    private final Desk desk = new Desk(new DuplicateOrderRule(DuplicateOrderRule.Limits.of(1000)))
            .equity("AAPL", "190");

    @Test
    void theSameBuyOf100AaplAt190Twice120msApartIsADuplicate() {
        OrderRequest first = buyLimit(100, "AAPL", "190");
        assertThat(desk.check(first).approved()).isTrue();
        desk.advance(Duration.ofMillis(120));

        var decision = desk.check(buyLimit(100, "AAPL", "190"));

        assertThat(decision.code()).isEqualTo("DUPLICATE_ORDER");
        assertThat(decision.message()).isEqualTo("same as order " + first.clientOrderId()
                + " submitted 120 ms ago: BUY 100 AAPL LIMIT 190 (duplicate window 1s)");
    }

    @Test
    void afterTheWindowTheSameOrderIsFine() {
        desk.check(buyLimit(100, "AAPL", "190"));
        desk.advance(Duration.ofMillis(1001));

        assertThat(desk.check(buyLimit(100, "AAPL", "190")).approved()).isTrue();
    }

    @Test
    void aDifferentQuantityPriceOrPortfolioIsNotADuplicate() {
        desk.check(buyLimit(100, "AAPL", "190"));

        assertThat(desk.check(buyLimit(101, "AAPL", "190")).approved()).isTrue();
        assertThat(desk.check(buyLimit(100, "AAPL", "190.01")).approved()).isTrue();
        assertThat(desk.check(forPortfolio(buyLimit(100, "AAPL", "190"), "other")).approved()).isTrue();
    }

    @Test
    void resendingTheSameClientOrderIdIsNotADuplicateTheOmsAnswersItIdempotently() {
        OrderRequest order = buyLimit(100, "AAPL", "190");
        desk.check(order);

        assertThat(desk.check(order).approved()).isTrue();
        assertThat(desk.check(order.withQuantity(Quantity.ofWhole(50))).approved()).isTrue(); // an amend
    }

    @Test
    void aDeniedOrderIsNotRememberedSoItsRetryIsNotADuplicate() {
        Desk strict = new Desk(new DuplicateOrderRule(DuplicateOrderRule.Limits.of(1000)),
                new MaxOrderQuantityRule(MaxOrderQuantityRule.Limits.of("50", Map.of())))
                        .equity("AAPL", "190");
        assertThat(strict.check(buyLimit(100, "AAPL", "190")).code()).isEqualTo("MAX_ORDER_QUANTITY");

        assertThat(strict.check(buyLimit(100, "AAPL", "190")).code()).isEqualTo("MAX_ORDER_QUANTITY");
    }
}
