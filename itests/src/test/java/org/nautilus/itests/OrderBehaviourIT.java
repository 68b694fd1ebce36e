package org.nautilus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.EXPIRED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.api.domain.OrderStatus.TRIGGERED;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.venue.RouteAllocation;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * How orders behave in the assembled distribution, on instruments the test quotes itself: stops and stop-limits
 * trigger, partial fills, IOC and FOK outcomes, OCO and OTO entered in the shell, an order split across SIM and
 * SIMB with its routing decision, DAY and GTD expiry.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OrderBehaviourIT extends TradingScenarioSupport {

    @Configuration
    public Option[] config() {
        return distribution();
    }

    @Before
    public void platformIsReady() throws Exception {
        awaitReady();
    }

    @Test
    public void stopAndStopLimitOrdersWaitThenTriggerWhenTheBidReachesTheirStop() throws Exception {
        InstrumentId x = instrument("XSTP");
        quote(x, "99.95", "100.05", 100);
        String shown = executeCommand("nautilus:submit -t STOP -s 98 -v SIM -P o-stop -w 0 SELL 5 XSTP");
        OrderId stop = shownOrderId(shown);
        Order stopLimit = orders().submit(order("o-stop-sl", "o-stop", x, Side.SELL, 5, OrderType.STOP_LIMIT, "97.99",
                "98", TimeInForce.GTC));
        assertEquals(ACCEPTED, awaitStatus(stop, ACCEPTED).status());
        assertEquals(stopLimit.toString(), ACCEPTED, stopLimit.status());

        quote(x, "97.90", "98.00", 100); // the bid reaches 98: both trigger

        Order stopFilled = awaitStatus(stop, FILLED);
        assertEquals(Price.of("97.90"), stopFilled.averagePrice());
        assertTrue(orders().events(stop).stream().anyMatch(e -> e.type() == OrderEventType.TRIGGERED));
        // The stop-limit became a SELL limit at 97.99, above every bid: it rests, triggered.
        assertEquals(TRIGGERED, awaitStatus(stopLimit.id(), TRIGGERED).status());

        quote(x, "98.00", "98.10", 100); // a bid at 98.00 crosses the resting 97.99: it trades at the order's price
        Order stopLimitFilled = awaitStatus(stopLimit.id(), FILLED);
        assertEquals(Price.of("97.99"), stopLimitFilled.averagePrice());
        assertEquals(Quantity.ofWhole(5), stopLimitFilled.filledQuantity());
        String history = executeCommand("nautilus:order " + stopLimit.id().value());
        assertTrue(history, history.contains("TRIGGERED") && history.contains("FILLED"));
    }

    @Test
    public void aLimitOrderLargerThanTheBookFillsPartlyAndRestsWhileIocAndFokDoNot() throws Exception {
        InstrumentId x = instrument("XPRT");
        // SIM's market maker shows 10 at the ask, 10 more a tick further: a BUY 25 limited to the ask gets 10.
        quote(x, "99.95", "100.05", 10);
        Order partial = orders().submit(limit("o-part-1", "o-part", x, Side.BUY, 25, "100.05"));
        partial = awaitStatus(partial.id(), PARTIALLY_FILLED);
        assertEquals(Quantity.ofWhole(10), partial.filledQuantity());
        assertEquals(Price.of("100.05"), partial.averagePrice());
        orders().cancel(partial.id());
        Order canceled = awaitStatus(partial.id(), CANCELED);
        assertEquals("the 10 filled stay filled", Quantity.ofWhole(10), canceled.filledQuantity());

        quote(x, "99.95", "100.05", 10);
        Order ioc = orders().submit(order("o-ioc-1", "o-ioc", x, Side.BUY, 25, OrderType.LIMIT, "100.05", null,
                TimeInForce.IOC));
        ioc = awaitStatus(ioc.id(), CANCELED, EXPIRED);
        assertEquals("IOC: what the book had, the rest canceled", Quantity.ofWhole(10), ioc.filledQuantity());

        quote(x, "99.95", "100.05", 10);
        Order fokTooBig = orders().submit(order("o-fok-1", "o-fok", x, Side.BUY, 25, OrderType.LIMIT, "100.05", null,
                TimeInForce.FOK));
        fokTooBig = awaitStatus(fokTooBig.id(), CANCELED, EXPIRED, REJECTED);
        assertTrue("FOK: all or nothing " + fokTooBig, fokTooBig.filledQuantity().isZero());
        Order fok = orders().submit(order("o-fok-2", "o-fok", x, Side.BUY, 8, OrderType.LIMIT, "100.05", null,
                TimeInForce.FOK));
        fok = awaitStatus(fok.id(), FILLED);
        assertEquals(Quantity.ofWhole(8), fok.filledQuantity());
    }

    @Test
    public void anOcoEnteredInTheShellCancelsTheStopWhenTheTakeProfitTrades() throws Exception {
        InstrumentId x = instrument("XOCO");
        quote(x, "99.95", "100.05", 100);
        String placed = executeCommand("nautilus:oco -v SIM -P o-oco -c oco1 \"SELL 5 XOCO LIMIT 102\" "
                + "\"SELL 5 XOCO STOP 98\"");
        assertTrue(placed, placed.contains("oco1-1") && placed.contains("oco1-2"));
        Order profit = awaitStatus(ClientOrderId.of("oco1-1"), ACCEPTED);
        Order stop = awaitStatus(ClientOrderId.of("oco1-2"), ACCEPTED);

        quote(x, "102.00", "102.10", 100);

        assertEquals(Price.of("102"), awaitStatus(profit.id(), FILLED).averagePrice());
        Order canceled = awaitStatus(stop.id(), CANCELED);
        assertTrue(canceled.reason(), canceled.reason().contains("OCO") && canceled.filledQuantity().isZero());
    }

    @Test
    public void anOtoEnteredInTheShellReleasesItsChildWhenTheParentFills() throws Exception {
        InstrumentId x = instrument("XOTO");
        quote(x, "99.95", "100.05", 100);
        String placed = executeCommand("nautilus:oto -v SIM -P o-oto -c oto1 \"BUY 5 XOTO LIMIT 99\" "
                + "\"SELL 5 XOTO LIMIT 101\"");
        assertTrue(placed, placed.contains("oto1-1") && placed.contains("oto1-2"));
        Order parent = awaitStatus(ClientOrderId.of("oto1-1"), ACCEPTED);
        assertEquals("the child waits for its parent", INITIALIZED,
                orders().order(ClientOrderId.of("oto1-2")).orElseThrow().status());

        quote(x, "98.90", "99.00", 100); // the ask reaches 99: the parent fills
        assertEquals(Price.of("99"), awaitStatus(parent.id(), FILLED).averagePrice());
        Order child = awaitStatus(ClientOrderId.of("oto1-2"), ACCEPTED);
        assertEquals(SIM, child.venueId());

        quote(x, "101.00", "101.10", 100);
        assertEquals(Price.of("101"), awaitStatus(child.id(), FILLED).averagePrice());
    }

    @Test
    public void contingentListsInTheShellExplainBadInput() throws Exception {
        try {
            executeCommand("nautilus:oco -v SIM -P o-bad \"SELL five XOCO LIMIT 102\" \"SELL 5 XOCO STOP 98\"");
            throw new AssertionError("a quantity that is not a number must be refused");
        } catch (Exception refused) {
            String text = String.valueOf(refused.getCause());
            assertTrue(text, text.contains("order 1 'SELL five XOCO LIMIT 102': quantity 'five' is not a number"));
        }
        String help = executeCommand("nautilus:oto --help");
        assertTrue(help, help.contains("SIDE QUANTITY SYMBOL"));
    }

    @Test
    public void aMarketOrderLargerThanEitherBookIsSplitAcrossSimAndSimbAndTheDecisionSaysHow() throws Exception {
        InstrumentId x = instrument("XSPL");
        quote(x, "99.95", "100.05", 10);
        Venue simb = service(Venue.class, "(" + Venue.ID_PROPERTY + "=SIMB)");
        await("SIMB's book of XSPL", SOON, () -> simb.depth(x, 1).orElse(null),
                book -> book != null && !book.asks().isEmpty()
                        && book.asks().get(0).price().equals(Price.of("100.05")));

        String shown = executeCommand("nautilus:submit -P o-split BUY 14 XSPL");
        Order order = awaitStatus(shownOrderId(shown), FILLED);
        assertEquals(Quantity.ofWhole(14), order.filledQuantity());

        RoutingDecision decision = service(VenueService.class, null).decision(order.id()).orElseThrow();
        Set<VenueId> venues = decision.allocations().stream().map(RouteAllocation::venueId).collect(Collectors.toSet());
        assertEquals(decision.toString(), Set.of(SIM, SIMB), venues);
        long allocated = decision.allocations().stream().mapToLong(a -> a.quantity().raw()).sum();
        assertEquals(decision.toString(), Quantity.ofWhole(14).raw(), allocated);
        assertTrue(decision.reason(), decision.reason() != null && !decision.reason().isBlank());
        String router = executeCommand("nautilus:router -n 20");
        assertTrue(router, router.contains("XSPL") && router.contains("SIMB"));
    }

    @Test
    public void aDayOrderExpiresAtTheSessionCloseAndAGtcOrderStays() throws Exception {
        InstrumentId x = instrument("XDAY");
        quote(x, "99.95", "100.05", 100);
        ConfigurationAdmin configs = service(ConfigurationAdmin.class, null);
        // The session calendar is part of the OMS's configuration (etc/nautilus.oms.cfg, edited live).
        org.osgi.service.cm.Configuration calendar = configs.getConfiguration("nautilus.oms", null);
        Dictionary<String, Object> before = calendar.getProperties();
        // A session that closes 20 s from now (UTC, every day), so the test waits for a real close.
        Instant closeAt = Instant.now().plusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        LocalTime close = LocalTime.ofInstant(closeAt, ZoneOffset.UTC);
        Hashtable<String, Object> session = new Hashtable<>();
        for (var keys = before.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            session.put(key, before.get(key));
        }
        session.put("session.zone", "UTC");
        session.put("session.open", "00:00:00");
        session.put("session.close", close.format(DateTimeFormatter.ISO_LOCAL_TIME));
        session.put("session.weekend", "none");
        calendar.update(session);
        try {
            Order day = orders().submit(order("o-day-1", "o-day", x, Side.BUY, 3, OrderType.LIMIT, "96", null,
                    TimeInForce.DAY));
            Order gtc = orders().submit(order("o-day-2", "o-day", x, Side.BUY, 3, OrderType.LIMIT, "95", null,
                    TimeInForce.GTC));
            String gtdShown = executeCommand("nautilus:submit -t LIMIT -p 97 -v SIM -P o-day -w 0 --tif GTD --expire "
                    + Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS) + " BUY 3 XDAY");
            assertEquals(ACCEPTED, awaitStatus(day.id(), ACCEPTED).status());

            Order gtd = await("the GTD order expired", Duration.ofSeconds(30),
                    () -> orders().order(shownOrderId(gtdShown)).orElseThrow(), o -> o.status() == EXPIRED);
            assertTrue(gtd.toString(), gtd.filledQuantity().isZero());
            Order expired = await("the DAY order expired at " + close, Duration.ofSeconds(60),
                    () -> orders().order(day.id()).orElseThrow(), o -> o.status() == EXPIRED);
            assertTrue(expired.reason(), expired.reason().startsWith("DAY order expired at the session close"));
            // The OMS sent the expiry's cancel at the close, not before.
            var events = orders().events(day.id());
            assertTrue(events.toString(), events.stream().anyMatch(e -> e.type() == OrderEventType.EXPIRED));
            assertTrue(events.toString(), events.stream().filter(e -> e.type() == OrderEventType.PENDING_CANCEL)
                    .allMatch(e -> !e.timestamp().isBefore(closeAt)));
            String shown = executeCommand("nautilus:order " + day.id().value());
            assertTrue(shown, shown.contains("EXPIRED"));
            assertEquals("a GTC order does not expire", ACCEPTED, orders().order(gtc.id()).orElseThrow().status());
            orders().cancel(gtc.id());
        } finally {
            calendar.update(before);
        }
    }
}
