package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.sell;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.rule.reduceonly.internal.ReduceOnlyRule;

class ReduceOnlyRuleTest {

    private final Desk desk = new Desk(new ReduceOnlyRule()).equity("AAPL", "190");

    private static OrderRequest reduceOnly(OrderRequest r) {
        return r.withFlags(false, true);
    }

    @Test
    void long100AaplAReduceOnlySellOf100IsApproved() {
        desk.position("main", "AAPL", 100, "180");

        assertThat(desk.check(reduceOnly(sell(100, "AAPL"))).approved()).isTrue();
    }

    @Test
    void long100AaplAReduceOnlySellOf150WouldFlipAndIsDenied() {
        desk.position("main", "AAPL", 100, "180");

        var decision = desk.check(reduceOnly(sell(150, "AAPL")));

        assertThat(decision.code()).isEqualTo("REDUCE_ONLY");
        assertThat(decision.message())
                .isEqualTo("reduce-only SELL 150 AAPL would flip the position of 100 (open SELL orders 0)");
    }

    @Test
    void aReduceOnlyBuyCannotReduceALongPosition() {
        desk.position("main", "AAPL", 100, "180");

        assertThat(desk.check(reduceOnly(buy(10, "AAPL"))).message())
                .isEqualTo("reduce-only BUY 10 AAPL cannot reduce a position of 100");
    }

    @Test
    void flatThereIsNothingToReduce() {
        assertThat(desk.check(reduceOnly(sell(1, "AAPL"))).message())
                .isEqualTo("reduce-only SELL 1 AAPL cannot reduce a position of 0");
    }

    @Test
    void openReducingOrdersCount() {
        desk.position("main", "AAPL", 100, "180");
        desk.working(reduceOnly(sellLimit(60, "AAPL", "195")));

        assertThat(desk.check(reduceOnly(sell(40, "AAPL"))).approved()).isTrue();
        assertThat(desk.check(reduceOnly(sell(41, "AAPL"))).message()).endsWith("(open SELL orders 60)");
    }

    @Test
    void ordersWithoutTheFlagAreNotConcerned() {
        assertThat(desk.check(sell(1000, "AAPL")).approved()).isTrue();
    }
}
