package org.nautilus.risk.rule.restricted.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.forPortfolio;
import static org.nautilus.risk.internal.support.Orders.sell;
import static org.nautilus.risk.internal.support.Orders.sellLimit;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.risk.internal.support.Desk;

/** The restricted list in the real risk core. */
class RestrictedListRuleTest {

    @Test
    void aRestrictedSymbolIsDeniedOnBothSidesWithItsOwnCodeAndReason() {
        RestrictedListRule rule = new RestrictedListRule(Map.of("symbols", "GME, AMC", "reason", "MNPI: deal team"));
        Desk desk = new Desk(rule).equity("GME", "20").equity("AAPL", "100");
        RiskDecision denied = desk.check(buy(1, "GME"));
        assertEquals(RestrictedListRule.CODE, denied.code());
        assertEquals("GME is restricted (MNPI: deal team): no portfolio may trade it; restricted: AMC, GME",
                denied.message());
        assertEquals(RestrictedListRule.CODE, desk.check(sell(1, "GME")).code());
        assertTrue(desk.check(buy(1, "AAPL")).approved());
    }

    @Test
    void theListChangesAtRuntime() {
        RestrictedListRule rule = new RestrictedListRule(Map.of());
        Desk desk = new Desk(rule).equity("AAPL", "100");
        assertTrue(desk.check(buy(1, "AAPL")).approved());
        assertEquals("restricted symbols: none (compliance restricted list)", rule.describe());
        rule.modified(Map.of("symbols", "AAPL"));
        assertEquals(RestrictedListRule.CODE, desk.check(buy(1, "AAPL")).code());
        rule.modified(Map.of("symbols", ""));
        assertTrue(desk.check(buy(1, "AAPL")).approved());
    }

    @Test
    void anInvalidSymbolIsRefusedAndTheListInForceStays() {
        RestrictedListRule rule = new RestrictedListRule(Map.of("symbols", "GME"));
        assertTrue(rule.check(Map.<String, Object> of("symbols", "GME, bad symbol!")).isPresent());
        rule.modified(Map.of("symbols", "bad symbol!"));
        assertEquals("restricted symbols: GME (compliance restricted list)", rule.describe());
    }

    @Test
    void aCloseOnlyEntryLetsOnlyPositionReducingOrdersThrough() {
        RestrictedListRule rule = new RestrictedListRule(Map.of("symbols", "GME, AMC (close-only)", "reason",
                "watch list"));
        Desk desk = new Desk(rule).equity("AMC", "5").equity("GME", "20");
        desk.position("main", "AMC", 100, "5");
        assertEquals("restricted symbols: AMC(close-only), GME (watch list)", rule.describe());

        assertTrue(desk.check(sell(60, "AMC")).approved(), "selling part of a long reduces it");
        RiskDecision buy = desk.check(buy(1, "AMC"));
        assertEquals(RestrictedListRule.CODE, buy.code());
        assertEquals("AMC is restricted close-only (watch list): BUY 1 would not only reduce main's position of 100"
                + " (open BUY orders 0)", buy.message());
        assertEquals(RestrictedListRule.CODE, desk.check(sell(101, "AMC")).code(), "a sell that would flip it");

        desk.working(sellLimit(60, "AMC", "5"));
        RiskDecision withWorking = desk.check(sell(41, "AMC"));
        assertEquals("AMC is restricted close-only (watch list): SELL 41 would not only reduce main's position of "
                + "100 (open SELL orders 60)", withWorking.message(), "the working sell counts");
        assertTrue(desk.check(sell(40, "AMC")).approved());
        assertEquals(RestrictedListRule.CODE, desk.check(forPortfolio(sell(1, "AMC"), "flat")).code(),
                "a flat portfolio cannot reduce");
        assertEquals(RestrictedListRule.CODE, desk.check(sell(1, "GME")).code(), "GME stays fully restricted");
    }

    @Test
    void anAmendInACloseOnlySymbolMustStillOnlyReduce() {
        RestrictedListRule rule = new RestrictedListRule(Map.of("symbols", "AMC(close-only)"));
        Desk desk = new Desk(rule).equity("AMC", "5");
        desk.position("main", "AMC", 100, "5");
        Order working = desk.working(sellLimit(50, "AMC", "5"));
        assertTrue(desk.core.checkAmend(working, working.request().withQuantity(Quantity.of("100"))).approved());
        RiskDecision tooMuch = desk.core.checkAmend(working, working.request().withQuantity(Quantity.of("101")));
        assertEquals(RestrictedListRule.CODE, tooMuch.code());
    }

    @Test
    void anUnknownOptionOrASymbolListedTwiceIsRefusedAndTheListInForceStays() {
        RestrictedListRule rule = new RestrictedListRule(Map.of("symbols", "AMC(close-only)"));
        assertEquals("symbols = 'AMC(sell-only)': 'AMC(sell-only)' has an unknown option (the one option is "
                + "AMC(close-only))",
                rule.check(Map.<String, Object> of("symbols", "AMC(sell-only)")).orElseThrow()
                        .reason());
        assertEquals("symbols = 'AMC, AMC(close-only)': AMC is listed twice",
                rule.check(Map.<String, Object> of("symbols", "AMC, AMC(close-only)")).orElseThrow().reason());
        rule.modified(Map.of("symbols", "AMC(sell-only)"));
        assertEquals("restricted symbols: AMC(close-only) (compliance restricted list)", rule.describe());
    }
}
