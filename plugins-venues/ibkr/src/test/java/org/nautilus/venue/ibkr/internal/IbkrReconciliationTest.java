package org.nautilus.venue.ibkr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.venue.ibkr.internal.GatewayFake.liveOrder;
import static org.nautilus.venue.ibkr.internal.GatewayFake.trade;
import static org.nautilus.venue.ibkr.internal.IbkrVenueTest.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.testsupport.ScriptedRisk;

/**
 * The OMS core with the IBKR venue against the WireMock gateway: the session expires while an order works, IBKR
 * fills it while we are away, and on re-authentication the OMS reconciles and books the fill.
 */
class IbkrReconciliationTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final VenueId IBKR = VenueId.of("IBKR");

    private final GatewayFake gateway = new GatewayFake();
    private final SocketFake socket;
    private IbkrVenue venue;
    private OrderManager oms;

    IbkrReconciliationTest() throws IOException {
        socket = new SocketFake();
    }

    @AfterEach
    void stop() throws IOException {
        oms.close();
        venue.close();
        socket.close();
        gateway.close();
    }

    @Test
    void fills_pushed_over_the_socket_are_booked_by_the_oms_and_the_same_fills_polled_after_a_drop_are_not_booked_again() {
        venue = new IbkrVenue(IbkrConfig.defaults("IBKR", gateway.baseUrl(), "")
                .withTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50))
                .withStreaming(new IbkrConfig.Streaming(true, socket.url(), Duration.ofMillis(100),
                        Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMillis(400))),
                Clock.systemUTC());
        oms = OrderManager.builder(id -> Optional.of(Instrument.equity(id.value(), "USD")), ScriptedRisk.approvingAll())
                .partitions(2).build();
        oms.venueAdded(IBKR, venue);
        await("available and streaming", () -> oms.venues().get(0).availability() == VenueAvailability.AVAILABLE
                && venue.streaming());
        gateway.place("1234567898");
        Order order = oms.submit(OrderRequest.limit(ClientOrderId.of("s1"), PortfolioId.of("P1"), AAPL, Side.BUY,
                Quantity.ofWhole(100), Price.of("190.00")));
        await("ACCEPTED", () -> oms.order(order.id()).orElseThrow().status() == OrderStatus.ACCEPTED);
        String ref = "nautilus-" + order.id().value();
        String first = trade("0000e0d5.675300aa.01.01", ref, "B", 40, "189.90");
        String second = trade("0000e0d5.675300bb.01.01", ref, "B", 60, "189.80");

        socket.push("{\"topic\":\"str\",\"args\":[" + first + "]}");
        await("PARTIALLY_FILLED from the push", () -> oms.order(order.id()).orElseThrow()
                .status() == OrderStatus.PARTIALLY_FILLED);

        gateway.trades("[" + first + "," + second + "]");
        socket.refusing(true);
        socket.drop();
        await("FILLED from the poll", () -> oms.order(order.id()).orElseThrow().status() == OrderStatus.FILLED);
        assertThat(oms.fills(order.id())).extracting(f -> f.executionId() + " " + f.quantity())
                .containsExactly("0000e0d5.675300aa.01.01 40", "0000e0d5.675300bb.01.01 60");
        assertThat(oms.order(order.id()).orElseThrow().filledQuantity()).isEqualTo(Quantity.ofWhole(100));
        assertThat(oms.venues().get(0).availability()).as("a dropped socket is not a disconnect")
                .isEqualTo(VenueAvailability.AVAILABLE);
    }

    @Test
    void an_order_filled_while_the_session_was_expired_is_booked_on_reconnect_and_the_positions_agree() {
        venue = new IbkrVenue(IbkrConfig.defaults("IBKR", gateway.baseUrl(), "")
                .withTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50)), Clock.systemUTC());
        RiskService approve = ScriptedRisk.approvingAll();
        oms = OrderManager.builder(id -> Optional.of(Instrument.equity(id.value(), "USD")), approve)
                .partitions(2).build();
        oms.venueAdded(IBKR, venue);
        await("connected and reconciled", () -> oms.venues().get(0).availability() == VenueAvailability.AVAILABLE);
        gateway.place("1234567899");

        Order order = oms.submit(OrderRequest.limit(ClientOrderId.of("b1"), PortfolioId.of("P1"), AAPL, Side.BUY,
                Quantity.ofWhole(100), Price.of("190.00")));
        await("ACCEPTED", () -> oms.order(order.id()).orElseThrow().status() == OrderStatus.ACCEPTED);

        gateway.authenticated(false); // the gateway's daily restart
        await("DISCONNECTED in the OMS", () -> oms.venues().get(0).availability() == VenueAvailability.DISCONNECTED);
        Order refused = oms.submit(OrderRequest.limit(ClientOrderId.of("b2"), PortfolioId.of("P1"), AAPL, Side.BUY,
                Quantity.ofWhole(1), Price.of("190.00")));
        assertThat(refused.status()).isEqualTo(OrderStatus.DENIED);

        // While away IBKR fills the order; it leaves the live orders, and the account holds 100.
        String ref = "nautilus-" + order.id().value();
        gateway.trades("[" + trade("0000e0d5.675200aa.01.01", ref, "B", 100, "189.90",
                System.currentTimeMillis()) + "]");
        gateway.orders(liveOrder("1234567899", ref, "BUY", "Filled", 100, 0));
        gateway.positions("[{\"acctId\":\"" + GatewayFake.ACCOUNT + "\",\"conid\":265598,\"position\":100.0,"
                + "\"ticker\":\"AAPL\"}]");
        Instant reconnect = Instant.now();
        gateway.authenticated(true);

        // The reconciliation runs on the OMS's own thread while the venue polls again: the fill is booked once, by
        // whichever of the two reads it first (so the report may count it or not).
        await("reconciled", () -> oms.reconciler().report(IBKR).map(r -> r.time().isAfter(reconnect)).orElse(false)
                && oms.venues().get(0).availability() == VenueAvailability.AVAILABLE);
        Order filled = oms.order(order.id()).orElseThrow();
        assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(filled.averagePrice()).isEqualTo(Price.of("189.90"));
        assertThat(oms.fills(order.id())).singleElement()
                .satisfies(f -> assertThat(f.executionId()).isEqualTo("0000e0d5.675200aa.01.01"));
        ReconciliationReport report = oms.reconciler().report(IBKR).orElseThrow();
        assertThat(report.outcome()).isEqualTo(ReconciliationReport.Outcome.CLEAN);
        assertThat(report.positions()).as("IBKR's 100 AAPL are the OMS's fills").isEmpty();
        assertThat(oms.venues().get(0).availability()).isEqualTo(VenueAvailability.AVAILABLE);
    }
}
