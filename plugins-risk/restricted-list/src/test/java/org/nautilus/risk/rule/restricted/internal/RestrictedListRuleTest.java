package org.nautilus.risk.rule.restricted.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.sell;

import java.util.Map;
import org.junit.jupiter.api.Test;
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
}
