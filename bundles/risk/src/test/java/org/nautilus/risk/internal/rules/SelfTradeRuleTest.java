package org.nautilus.risk.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.Orders;
import org.nautilus.risk.rule.selftrade.internal.SelfTradeRule;

class SelfTradeRuleTest {

    private final Desk desk = new Desk(new SelfTradeRule(SelfTradeRule.Limits.of("portfolio"))).equity("AAPL", "190");

    @Test
    void aBuyAt191AgainstOurOwnRestingSellAt190_5IsDenied() {
        OrderRequest resting = sellLimit(100, "AAPL", "190.5");
        desk.working(resting);

        var decision = desk.check(buyLimit(100, "AAPL", "191"));

        assertThat(decision.code()).isEqualTo("SELF_TRADE");
        assertThat(decision.message()).isEqualTo(
                "BUY 100 AAPL at 191 would trade against own open SELL order " + resting.clientOrderId() + " at 190.5");
    }

    @Test
    void aBuyBelowOurSellDoesNotCrossAndIsApproved() {
        desk.working(sellLimit(100, "AAPL", "190.5"));

        assertThat(desk.check(buyLimit(100, "AAPL", "190.49")).approved()).isTrue();
    }

    @Test
    void aBuyAtExactlyOurSellPriceWouldTradeAndIsDenied() {
        desk.working(sellLimit(100, "AAPL", "190.5"));

        assertThat(desk.check(buyLimit(100, "AAPL", "190.5")).approved()).isFalse();
    }

    @Test
    void aMarketSellAgainstOurRestingBidIsDenied() {
        desk.working(buyLimit(100, "AAPL", "189"));

        assertThat(desk.check(Orders.sell(10, "AAPL")).code()).isEqualTo("SELF_TRADE");
    }

    @Test
    void oncetheRestingOrderIsFilledOrCanceledTradingIsFree() {
        var resting = desk.working(sellLimit(100, "AAPL", "190.5"));
        desk.report(resting, OrderStatus.FILLED);

        assertThat(desk.check(buy(100, "AAPL")).approved()).isTrue();
    }

    @Test
    void anotherPortfoliosOrderCountsOnlyWithScopeAll() {
        desk.working(forPortfolio(sellLimit(100, "AAPL", "190.5"), "other"));
        assertThat(desk.check(buyLimit(100, "AAPL", "191")).approved()).isTrue();

        Desk firmWide = new Desk(new SelfTradeRule(SelfTradeRule.Limits.of("all"))).equity("AAPL", "190");
        firmWide.working(forPortfolio(sellLimit(100, "AAPL", "190.5"), "other"));
        assertThat(firmWide.check(buyLimit(100, "AAPL", "191")).message()).endsWith("at 190.5 of portfolio other");
    }

    @Test
    void aDormantStopOrderDoesNotRestInTheBook() {
        OrderRequest stop = new OrderRequest(ClientOrderId.of("stop-1"), PortfolioId.of("main"),
                InstrumentId.of("AAPL"), Side.SELL, OrderType.STOP, Quantity.ofWhole(100), null, Price.of("180"),
                TimeInForce.GTC, null, null, false, false);
        var working = desk.working(stop);
        assertThat(desk.check(buy(100, "AAPL")).approved()).isTrue();

        desk.report(working, OrderStatus.TRIGGERED); // now a live market sell
        assertThat(desk.check(buy(100, "AAPL")).approved()).isFalse();
    }

    @Test
    void sameSideOrdersNeverSelfTrade() {
        desk.working(buyLimit(100, "AAPL", "189"));

        assertThat(desk.check(buyLimit(100, "AAPL", "195")).approved()).isTrue();
    }
}
