package org.nautilus.risk.rule.concentration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;
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
}
