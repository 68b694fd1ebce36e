package org.nautilus.risk.rule.amendcancel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buyLimit;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.TradingState;
import org.nautilus.risk.internal.support.Desk;
import org.nautilus.risk.internal.support.Orders;
import org.nautilus.risk.rule.killswitch.internal.KillSwitch;

/** The amend and cancel throttles in the real risk core, which remembers each approved amend and cancel. */
class AmendCancelRateRuleTest {

    private final AmendCancelRateRule rule = new AmendCancelRateRule(
            Map.of("max.amends", "3", "max.cancels", "2", "window.ms", "1000"));
    private final Desk desk = new Desk(rule).equity("AAPL", "100");

    @Test
    void theFourthAmendInASecondIsDeniedAndTheWindowSlides() {
        Order order = desk.working(buyLimit(10, "AAPL", "99"));
        for (int i = 0; i < 3; i++) {
            assertTrue(desk.core.checkAmend(order, order.request().withLimitPrice(Price.of("98." + i))).approved());
        }
        RiskDecision fourth = desk.core.checkAmend(order, order.request().withLimitPrice(Price.of("97")));
        assertEquals(AmendCancelRateRule.AMEND_CODE, fourth.code());
        assertEquals("amend rate 3 per 1000 ms of portfolio main exceeded: 4 amends", fourth.message());
        assertTrue(desk.check(buyLimit(1, "AAPL", "99")).approved(), "new orders are the submit throttle's business");

        desk.advance(Duration.ofMillis(1001));
        assertTrue(desk.core.checkAmend(order, order.request().withLimitPrice(Price.of("97"))).approved());
    }

    @Test
    void theThirdCancelInASecondIsDeniedButAHaltedPortfolioCancelsFreely() {
        Order a = desk.working(buyLimit(10, "AAPL", "99"));
        assertTrue(desk.core.checkCancel(a).approved());
        assertTrue(desk.core.checkCancel(a).approved());
        RiskDecision third = desk.core.checkCancel(a);
        assertEquals(AmendCancelRateRule.CANCEL_CODE, third.code());
        assertEquals("cancel rate 2 per 1000 ms of portfolio main exceeded: 3 cancels", third.message());

        KillSwitch killSwitch = new KillSwitch(desk.clock);
        rule.tradingStates = killSwitch;
        killSwitch.set(PortfolioId.of("main"), TradingState.HALTED, "runaway");
        assertTrue(desk.core.checkCancel(a).approved(), "the kill switch's cancel-all must get through");
    }

    @Test
    void amendsAndCancelsAreCountedPerPortfolio() {
        Order main = desk.working(buyLimit(10, "AAPL", "99"));
        desk.core.checkCancel(main);
        desk.core.checkCancel(main);
        Order other = desk.working(Orders.forPortfolio(buyLimit(10, "AAPL", "99"),
                "other"));
        assertTrue(desk.core.checkCancel(other).approved());
    }

    @Test
    void aZeroLimitIsRefused() {
        assertEquals("max.cancels = '0': must be positive",
                rule.check(Map.<String, Object> of("max.cancels", "0")).orElseThrow().reason());
        assertEquals("amends 3 and cancels 2 per 1000 ms per portfolio", rule.describe());
    }

    @Test
    void aPortfolioOverrideStandsBesideTheDefaultAndChangesLive() {
        AmendCancelRateRule perPortfolio = new AmendCancelRateRule(Map.of("max.amends", "3", "max.cancels", "2",
                "window.ms", "1000", "portfolio.mm.max.cancels", "4", "portfolio.slow.max.amends", "1"));
        Desk book = new Desk(perPortfolio).equity("AAPL", "100");
        assertEquals("amends 3 (slow: 1) and cancels 2 (mm: 4) per 1000 ms per portfolio", perPortfolio.describe());
        Order mm = book.working(Orders.forPortfolio(buyLimit(10, "AAPL", "99"), "mm"));
        for (int i = 0; i < 4; i++) {
            assertTrue(book.core.checkCancel(mm).approved(), "cancel " + (i + 1) + " of the market maker's 4");
        }
        RiskDecision fifth = book.core.checkCancel(mm);
        assertEquals(AmendCancelRateRule.CANCEL_CODE, fifth.code());
        assertEquals("cancel rate 4 per 1000 ms of portfolio mm exceeded: 5 cancels", fifth.message());
        Order slow = book.working(Orders.forPortfolio(buyLimit(10, "AAPL", "99"), "slow"));
        assertTrue(book.core.checkAmend(slow, slow.request().withLimitPrice(Price.of("98"))).approved());
        RiskDecision second = book.core.checkAmend(slow, slow.request().withLimitPrice(Price.of("97")));
        assertEquals("amend rate 1 per 1000 ms of portfolio slow exceeded: 2 amends", second.message());
        Order main = book.working(buyLimit(10, "AAPL", "99"));
        book.core.checkCancel(main);
        book.core.checkCancel(main);
        assertEquals(AmendCancelRateRule.CANCEL_CODE, book.core.checkCancel(main).code(), "main has the default 2");

        perPortfolio.modified(Map.of("max.cancels", "2", "portfolio.mm.max.cancels", "10"));
        assertTrue(book.core.checkCancel(mm).approved(), "the raised override applies at once");
    }

    @Test
    void aBadPortfolioOverrideIsRefusedNamingItsKey() {
        assertEquals("portfolio.mm.window.ms = 'soon': not a whole number",
                rule.check(Map.<String, Object> of("portfolio.mm.window.ms", "soon")).orElseThrow().reason());
        rule.modified(Map.of("portfolio.mm.max.cancels", "0"));
        assertEquals("amends 3 and cancels 2 per 1000 ms per portfolio", rule.describe());
    }
}
