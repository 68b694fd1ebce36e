package org.nautilus.risk.rule.venuesession.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nautilus.risk.internal.support.Orders.buy;
import static org.nautilus.risk.internal.support.Orders.buyLimit;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.TradingHours;
import org.nautilus.api.venue.Venue;
import org.nautilus.risk.internal.support.Desk;

/** Venue pre-entry checks in the real risk core, against what each venue declares. */
class VenueSessionRuleTest {

    /** A venue as the SPI describes one: its hours, order types and times in force; it trades nothing here. */
    private record DeclaredVenue(VenueId id, Optional<TradingHours> tradingHours, Set<OrderType> orderTypes,
            Set<TimeInForce> timesInForce) implements Venue {

        @Override
        public String description() {
            return "declared venue " + id;
        }

        @Override
        public void submit(Order order, ExecutionListener listener) {
            throw new UnsupportedOperationException("pre-entry checks send nothing");
        }

        @Override
        public void cancel(Order order, ExecutionListener listener) {
            throw new UnsupportedOperationException("pre-entry checks send nothing");
        }
    }

    private final VenueSessionRule rule = new VenueSessionRule(Map.of());
    // Desk.OPEN is Monday 2025-03-03 14:30 UTC = 09:30 in New York.
    private final Desk desk = new Desk(rule).equity("AAPL", "100");

    private static DeclaredVenue nyse(Set<OrderType> types, Set<TimeInForce> tifs) {
        return new DeclaredVenue(VenueId.of("XNYS"),
                Optional.of(TradingHours.parse("MON-FRI 09:30-16:00 America/New_York")), types, tifs);
    }

    @Test
    void anOrderForAClosedVenueIsDeniedWithItsHours() {
        rule.addVenue(nyse(EnumSet.allOf(OrderType.class), EnumSet.allOf(TimeInForce.class)));
        OrderRequest toNyse = buy(1, "AAPL").withVenue(VenueId.of("XNYS"));
        assertTrue(desk.check(toNyse).approved(), "09:30 is the open");
        desk.advance(Duration.ofHours(6).plusMinutes(30));
        RiskDecision closed = desk.check(toNyse);
        assertEquals(VenueSessionRule.CLOSED, closed.code());
        assertEquals("venue XNYS is closed at 2025-03-03T21:00:00Z (trading hours MON,TUE,WED,THU,FRI 09:30-16:00 "
                + "America/New_York)", closed.message());
        desk.advance(Duration.ofDays(5).minusHours(3)); // Saturday 13:00 New York
        assertEquals(VenueSessionRule.CLOSED, desk.check(toNyse).code());
    }

    @Test
    void anOrderTypeOrTimeInForceTheVenueDoesNotTakeIsDenied() {
        rule.addVenue(nyse(EnumSet.of(OrderType.LIMIT), EnumSet.of(TimeInForce.DAY, TimeInForce.IOC)));
        VenueId nyse = VenueId.of("XNYS");
        RiskDecision market = desk.check(buy(1, "AAPL").withVenue(nyse));
        assertEquals(VenueSessionRule.ORDER_TYPE, market.code());
        assertEquals("venue XNYS does not accept MARKET orders (accepts [LIMIT])", market.message());
        RiskDecision gtc = desk.check(buyLimit(1, "AAPL", "100").withVenue(nyse)
                .withTimeInForce(TimeInForce.GTC, null));
        assertEquals(VenueSessionRule.TIME_IN_FORCE, gtc.code());
        assertTrue(desk.check(buyLimit(1, "AAPL", "100").withVenue(nyse)).approved());
    }

    @Test
    void aRoutedOrderNeedsOneVenueThatTakesIt() {
        rule.addVenue(nyse(EnumSet.of(OrderType.LIMIT), EnumSet.allOf(TimeInForce.class)));
        DeclaredVenue night = new DeclaredVenue(VenueId.of("NIGHT"),
                Optional.of(TradingHours.parse("20:00-04:00 America/New_York")), EnumSet.allOf(OrderType.class),
                EnumSet.allOf(TimeInForce.class));
        rule.addVenue(night);
        RiskDecision none = desk.check(buy(1, "AAPL"));
        assertEquals(VenueSessionRule.ORDER_TYPE, none.code());
        assertTrue(none.message().startsWith("no venue takes the order: venue XNYS does not accept MARKET orders"),
                none.message());
        assertTrue(none.message().contains("venue NIGHT is closed"), none.message());
        desk.advance(Duration.ofHours(11)); // 20:30 New York: the night venue is open
        assertTrue(desk.check(buy(1, "AAPL")).approved());
        rule.removeVenue(night);
        assertEquals(VenueSessionRule.CLOSED, desk.check(buy(1, "AAPL")).code());
    }

    @Test
    void tradingHoursParseAndSayWhatIsWrong() {
        TradingHours overnight = TradingHours.parse("SUN-THU 18:00-17:00 America/Chicago");
        assertFalse(overnight.isOpen(Instant.parse("2025-03-03T23:30:00Z")), "Monday 17:30 Chicago: between sessions");
        assertTrue(overnight.isOpen(Instant.parse("2025-03-04T00:30:00Z")), "Monday 18:30: Monday's session");
        assertTrue(overnight.isOpen(Instant.parse("2025-03-07T15:00:00Z")), "Friday 09:00: Thursday's session");
        assertFalse(overnight.isOpen(Instant.parse("2025-03-08T01:00:00Z")), "Friday 19:00: no Friday session");
        assertEquals("MON,TUE,WED,THU,SUN 18:00-17:00 America/Chicago", overnight.toString());
        assertEquals("trading hours 'nine-to-five': expected [DAYS] HH:mm-HH:mm ZONE, e.g. MON-FRI 09:30-16:00 "
                + "America/New_York",
                assertThrows(IllegalArgumentException.class,
                        () -> TradingHours.parse("nine-to-five")).getMessage());
        assertEquals("trading hours 'nine to five': 'NINE' is not a day of the week (MON, TUE, ... SUN)",
                assertThrows(IllegalArgumentException.class, () -> TradingHours.parse("nine to five")).getMessage());
        assertEquals("trading hours 'MON-FRI 09:30-16:00 Mars/Olympus': Unknown time-zone ID: Mars/Olympus",
                assertThrows(IllegalArgumentException.class,
                        () -> TradingHours.parse("MON-FRI 09:30-16:00 Mars/Olympus")).getMessage());
    }
}
