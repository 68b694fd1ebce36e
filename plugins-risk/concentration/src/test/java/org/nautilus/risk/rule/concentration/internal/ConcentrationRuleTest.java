package org.nautilus.risk.rule.concentration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.Desk;

/** The concentration limit in the real risk core: one instrument's worst-case position against equity. */
class ConcentrationRuleTest {

    private static Desk desk(String percent) {
        return new Desk(Desk.capital("100000"), new ConcentrationRule(Map.of("max.percent", percent)));
    }

    @Test
    void aBuyTakingOneInstrumentOverItsShareOfEquityIsDeniedWithTheShare() {
        Desk desk = desk("25").equity("AAPL", "100");
        desk.position("main", "AAPL", 150, "100"); // 15,000
        desk.working(buyLimit(50, "AAPL", "99")); // + 5,000 working
        assertTrue(desk.check(buy(50, "AAPL")).approved(), "250 × 100 = 25,000 = 25% exactly");
        RiskDecision denied = desk.check(buy(51, "AAPL"));
        assertEquals(ConcentrationRule.CODE, denied.code());
        assertEquals("concentration 25% of equity 100000 exceeded: AAPL would be 25100 (25.1%) with this order and "
                + "the working ones", denied.message());
    }

    @Test
    void otherInstrumentsDoNotCountAndReducingAlwaysPasses() {
        Desk desk = desk("10").equity("AAPL", "100").equity("MSFT", "100");
        desk.position("main", "MSFT", 1000, "100"); // 100% in MSFT: over, but that is MSFT's business
        assertTrue(desk.check(buy(100, "AAPL")).approved(), "10% in AAPL");
        assertTrue(desk.check(sell(500, "MSFT")).approved(), "a sell of a long only reduces");
        assertEquals(ConcentrationRule.CODE, desk.check(buy(1, "MSFT")).code());
        assertEquals(ConcentrationRule.CODE, desk.check(sell(2001, "MSFT")).code(), "flipping to a larger short");
    }

    @Test
    void aShortCountsLikeALong() {
        Desk desk = desk("10").equity("AAPL", "100");
        assertEquals(ConcentrationRule.CODE, desk.check(sell(101, "AAPL")).code());
    }

    @Test
    void aPercentThatIsNoNumberIsRefused() {
        ConcentrationRule rule = new ConcentrationRule(Map.of("max.percent", "20"));
        assertEquals("max.percent = 'a lot': not a number",
                rule.check(Map.<String, Object> of("max.percent", "a lot")).orElseThrow().reason());
        assertEquals("max.percent must be positive, got 0",
                rule.check(Map.<String, Object> of("max.percent", "0")).orElseThrow().reason());
        assertTrue(rule.describe().startsWith("concentration at most 20%"), rule.describe());
    }

    @Test
    void aPortfolioOverrideStandsBesideTheDefaultAndChangesLive() {
        ConcentrationRule rule = new ConcentrationRule(Map.of("max.percent", "25", "portfolio.hedge.max.percent",
                "5"));
        Desk desk = new Desk(Desk.capital("100000"), rule).equity("AAPL", "100");
        assertEquals("concentration at most 25% (hedge: 5%) of equity per instrument (position + working orders)",
                rule.describe());
        assertTrue(desk.check(buy(250, "AAPL")).approved(), "main: 25,000 = 25%");
        RiskDecision denied = desk.check(forPortfolio(buy(51, "AAPL"), "hedge"));
        assertEquals(ConcentrationRule.CODE, denied.code());
        assertEquals("concentration 5% of equity 100000 exceeded: AAPL would be 5100 (5.1%) with this order and the "
                + "working ones", denied.message());
        assertTrue(desk.check(forPortfolio(buy(50, "AAPL"), "hedge")).approved());

        rule.modified(Map.of("max.percent", "25", "portfolio.hedge.max.percent", "50"));
        assertTrue(desk.check(forPortfolio(buy(500, "AAPL"), "hedge")).approved(), "the edit applies at once");
        rule.modified(Map.of("max.percent", "25"));
        assertEquals(ConcentrationRule.CODE, desk.check(forPortfolio(buy(251, "AAPL"), "hedge")).code(),
                "without its override the portfolio has the default");
    }

    @Test
    void aBadPortfolioOverrideIsRefusedNamingItsKeyAndTheLimitsInForceStay() {
        ConcentrationRule rule = new ConcentrationRule(Map.of("max.percent", "20", "portfolio.hedge.max.percent",
                "5"));
        assertEquals("portfolio.hedge.max.percent = '-1': must be positive, got -1",
                rule.check(Map.<String, Object> of("max.percent", "20", "portfolio.hedge.max.percent", "-1"))
                        .orElseThrow().reason());
        rule.modified(Map.of("max.percent", "20", "portfolio.hedge.max.percent", "lots"));
        assertEquals("concentration at most 20% (hedge: 5%) of equity per instrument (position + working orders)",
                rule.describe());
    }
}
