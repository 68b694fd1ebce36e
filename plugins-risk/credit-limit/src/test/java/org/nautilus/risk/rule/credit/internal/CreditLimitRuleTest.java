package org.nautilus.risk.rule.credit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.Desk;

/** The credit limit in the real risk core: positions plus working orders against the portfolio's limit. */
class CreditLimitRuleTest {

    private static CreditLimitRule rule(Map<String, Object> properties) {
        return new CreditLimitRule(properties);
    }

    @Test
    void aBuyThatTakesPositionsPlusWorkingOrdersOverTheLimitIsDeniedWithTheNumbers() {
        Desk desk = new Desk(rule(Map.of("credit.limit", "100000"))).equity("AAPL", "100");
        desk.position("main", "AAPL", 500, "90"); // 50,000 at the mark
        desk.working(buyLimit(300, "AAPL", "100")); // 30,000 working
        RiskDecision denied = desk.check(buyLimit(250, "AAPL", "100")); // 25,000 more: 105,000
        assertFalse(denied.approved());
        assertEquals(CreditLimitRule.CODE, denied.code());
        assertEquals("credit limit 100000 of portfolio main exceeded: positions 50000 + working orders 30000"
                + " + this order 25000 = 105000", denied.message());

        assertTrue(desk.check(buyLimit(200, "AAPL", "100")).approved(), "100,000 exactly is within the limit");
    }

    @Test
    void workingOrdersCountSoManySmallOrdersCannotBuildAnExposureTheLimitForbids() {
        Desk desk = new Desk(rule(Map.of("credit.limit", "10000"))).equity("MSFT", "50");
        for (int i = 0; i < 4; i++) {
            OrderRequest small = buyLimit(50, "MSFT", "50"); // 2,500 each
            assertTrue(desk.check(small).approved());
            desk.working(small);
        }
        RiskDecision fifth = desk.check(buyLimit(1, "MSFT", "50"));
        assertEquals(CreditLimitRule.CODE, fifth.code(), fifth.describe());
    }

    @Test
    void anOrderThatOnlyReducesThePositionPassesEvenAtTheLimit() {
        Desk desk = new Desk(rule(Map.of("credit.limit", "1000"))).equity("AAPL", "100");
        desk.position("main", "AAPL", 100, "100"); // 10,000: far over
        assertTrue(desk.check(sell(60, "AAPL")).approved());
        assertEquals(CreditLimitRule.CODE, desk.check(sell(160, "AAPL")).code(), "selling through flat adds short");
        assertEquals(CreditLimitRule.CODE, desk.check(buy(1, "AAPL")).code());
    }

    @Test
    void aPortfolioHasItsOwnLimitAndAMarketOrderWithoutAMarkIsDenied() {
        Desk desk = new Desk(rule(Map.of("credit.limit", "1000000", "portfolio.small.credit.limit", "1000")))
                .equity("AAPL", "100").equity("NOMARK", null);
        assertTrue(desk.check(buy(50, "AAPL")).approved());
        RiskDecision small = desk.check(forPortfolio(buy(50, "AAPL"), "small"));
        assertEquals(CreditLimitRule.CODE, small.code());
        assertTrue(small.message().startsWith("credit limit 1000 of portfolio small"), small.message());
        assertEquals(CreditLimitRule.NO_PRICE, desk.check(buy(1, "NOMARK")).code());
    }

    @Test
    void anAmendReChecksTheOrderOnceAsAmendedNotTwice() {
        Desk desk = new Desk(rule(Map.of("credit.limit", "10000"))).equity("AAPL", "100");
        OrderRequest working = buyLimit(60, "AAPL", "100");
        desk.working(working);
        assertTrue(desk.check(working.withQuantity(Quantity.ofWhole(100))).approved(), "100 × 100 = 10,000");
        assertEquals(CreditLimitRule.CODE, desk.check(working.withQuantity(Quantity.ofWhole(101))).code());
    }

    @Test
    void anInvalidLimitIsRefusedAndTheLimitInForceStays() {
        CreditLimitRule rule = rule(Map.of("credit.limit", "5000"));
        Optional<ConfigurationCheck.Refusal> refused = rule.check(Map.<String, Object> of("credit.limit", "-1"));
        assertTrue(refused.isPresent());
        assertEquals("credit.limit = '-1': must be positive", refused.get().reason());
        rule.modified(Map.of("credit.limit", "lots"));
        assertEquals("credit limit 5000 (positions + working orders)", rule.describe());
    }
}
