package org.nautilus.venue.simulated.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;

/** What the simulated venue declares it takes: read from its configuration, checked by the venue-session rule. */
class AcceptanceTest {

    @Test
    void anEmptyConfigurationTakesEverythingAtAnyTime() {
        Acceptance all = Acceptance.of("", "", "");
        assertTrue(all.hours().isEmpty());
        assertEquals(EnumSet.allOf(OrderType.class), all.orderTypes());
        assertEquals(EnumSet.allOf(TimeInForce.class), all.timesInForce());
        assertEquals("", all.describe());
    }

    @Test
    void hoursTypesAndTimesInForceAreReadAndDescribed() {
        Acceptance some = Acceptance.of("MON-FRI 09:30-16:00 America/New_York", "limit, MARKET", "DAY IOC");
        assertTrue(some.hours().orElseThrow().isOpen(Instant.parse("2025-03-03T15:00:00Z")));
        assertFalse(some.hours().orElseThrow().isOpen(Instant.parse("2025-03-01T15:00:00Z")), "a Saturday");
        assertEquals(Set.of(OrderType.LIMIT, OrderType.MARKET), some.orderTypes());
        assertEquals(", hours MON,TUE,WED,THU,FRI 09:30-16:00 America/New_York, types [MARKET, LIMIT], TIF [DAY, IOC]",
                some.describe());
    }

    @Test
    void aBadValueNamesItsKey() {
        assertEquals("order.types: 'ICEBERG' is not one of [MARKET, LIMIT, STOP, STOP_LIMIT]",
                assertThrows(IllegalArgumentException.class, () -> Acceptance.of("", "ICEBERG", "")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Acceptance.of("9-5", "", "")).getMessage()
                .startsWith("trading.hours: trading hours '9-5'"));
    }
}
