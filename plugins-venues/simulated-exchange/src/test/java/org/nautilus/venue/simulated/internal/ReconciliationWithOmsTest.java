package org.nautilus.venue.simulated.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.MutableClock;
import org.nautilus.testsupport.ScriptedRisk;

/**
 * Reconciliation on the real cores: the OMS's {@link OrderManager} and the simulated exchange's matching engine. The
 * link between them drops while our orders work; the exchange trades and expires them while we are away; on
 * reconnect the OMS catches up from the exchange's answers alone.
 */
class ReconciliationWithOmsTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final EquityMarket market = new EquityMarket();
    private final RiskService approveAll = ScriptedRisk.approvingAll();
    private SimulatedExchange venue;
    private OrderManager oms;

    @AfterEach
    void close() {
        oms.close();
        venue.close();
    }

    private OrderRequest request(String clientId, Side side, long quantity, String limit, TimeInForce tif,
            Instant expire) {
        return new OrderRequest(ClientOrderId.of(clientId), PortfolioId.of("P1"), AAPL, side, OrderType.LIMIT,
                Quantity.ofWhole(quantity), Price.of(limit), null, tif, expire, null, false, false);
    }

    /** Someone else's order, sent to the exchange directly (the OMS never hears of it). */
    private void foreign(long id, Side side, long quantity, String limit) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("f" + id), PortfolioId.of("OTHER"), AAPL, side,
                OrderType.LIMIT, Quantity.ofWhole(quantity), Price.of(limit), null, TimeInForce.DAY, null, null, false,
                false);
        ExecutionListener nobody = report -> {};
        venue.submit(new Order(OrderId.of(id), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, T0, T0),
                nobody);
    }

    /** The link comes back; the OMS reconciles off the exchange's thread: waits for the report. */
    private void reconnect() {
        ReconciliationReport before = oms.reconciler().report(venue.id()).orElseThrow();
        venue.reconnect();
        Await.until("the reconciliation after the reconnect", () -> oms.reconciler().report(venue.id())
                .orElseThrow() != before);
    }

    private Order order(OrderId id) {
        return oms.order(id).orElseThrow();
    }

    @Test
    void the_link_drops_mid_order_the_exchange_fills_and_expires_while_we_are_away_and_reconnect_catches_up()
            throws Exception {
        market.quote(new Quote(AAPL, Price.of("100.00"), Quantity.ofWhole(500), Price.of("100.02"),
                Quantity.ofWhole(500), T0));
        // One market-maker level per side, so that a large sell reaches our resting bid below it.
        venue = new SimulatedExchange(VenueConfig.defaults("SIM").withLiquidity(BigDecimal.ONE, 1, 1), clock, market);
        oms = OrderManager.builder(market::instrument, approveAll).clock(clock).partitions(2).build();
        oms.venueAdded(venue.id(), venue);
        assertThat(oms.reconciler().report(venue.id())).hasValueSatisfying(
                r -> assertThat(r.outcome()).isEqualTo(ReconciliationReport.Outcome.CLEAN));

        Order bid = oms.submit(request("b1", Side.BUY, 100, "99.00", TimeInForce.GTC, null));
        Order offer = oms.submit(request("o1", Side.SELL, 10, "101.00", TimeInForce.GTD, T0.plusSeconds(60)));
        assertThat(bid.status()).isEqualTo(OrderStatus.ACCEPTED);
        assertThat(offer.status()).isEqualTo(OrderStatus.ACCEPTED);

        venue.disconnect("test: link down");
        assertThat(oms.venues()).singleElement().satisfies(v -> {
            assertThat(v.availability()).isEqualTo(VenueAvailability.DISCONNECTED);
            assertThat(v.reason()).isEqualTo("test: link down");
        });
        CommandResult cancel = oms.cancel(offer.id());
        assertThat(cancel.accepted()).as("a cancel cannot reach a disconnected venue").isFalse();
        assertThat(order(offer.id()).status()).isEqualTo(OrderStatus.ACCEPTED);
        Order refused = oms.submit(request("b2", Side.BUY, 1, "99.00", TimeInForce.GTC, null));
        assertThat(refused.status()).isEqualTo(OrderStatus.DENIED);
        assertThat(refused.rejectCode()).isEqualTo(RejectCode.VENUE_UNAVAILABLE);

        // While away: a seller sweeps the market maker's 500 at 100.00 and takes 60 of our bid at 99.00; our GTD
        // offer expires; someone else leaves an offer resting.
        foreign(9001, Side.SELL, 560, "99.00");
        clock.set(T0.plusSeconds(120));
        // our bid is left; the offer expires
        Await.until("the exchange expires the GTD offer", Duration.ofSeconds(5), () -> venue.openOrderCount() <= 1);
        foreign(9002, Side.SELL, 5, "105.00");
        assertThat(order(bid.id()).filledQuantity()).as("nothing reached the OMS while away").isEqualTo(Quantity.ZERO);

        reconnect();

        Order bidAfter = order(bid.id());
        assertThat(bidAfter.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(bidAfter.filledQuantity()).isEqualTo(Quantity.ofWhole(60));
        assertThat(bidAfter.averagePrice()).isEqualTo(Price.of("99.00"));
        assertThat(oms.fills(bid.id())).singleElement().satisfies(f -> assertThat(f.executionId()).startsWith("SIM-"));
        Order offerAfter = order(offer.id());
        assertThat(offerAfter.status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(offerAfter.reason()).contains("closed at venue SIM");
        ReconciliationReport report = oms.reconciler().report(venue.id()).orElseThrow();
        assertThat(report.fillsBooked()).isEqualTo(1);
        assertThat(report.ordersClosed()).containsExactly(offer.id());
        assertThat(report.externalOrders()).singleElement().satisfies(o -> {
            assertThat(o.orderId()).isEqualTo(OrderId.of(9002));
            assertThat(o.quantity()).isEqualTo(Quantity.ofWhole(5));
        });
        assertThat(report.outcome()).isEqualTo(ReconciliationReport.Outcome.REPORTED);
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("keeps no account"));
        assertThat(oms.venues()).singleElement()
                .satisfies(v -> assertThat(v.availability()).isEqualTo(VenueAvailability.AVAILABLE));

        // Live again: the rest of our bid trades and is reported as usual; a second reconnect books nothing twice.
        foreign(9003, Side.SELL, 2000, "99.00"); // whatever the market maker shows again, the rest reaches our bid
        oms.sync(); // live reports are applied on the order's writer thread
        assertThat(order(bid.id()).status()).isEqualTo(OrderStatus.FILLED);
        venue.disconnect("again");
        reconnect();
        assertThat(oms.reconciler().report(venue.id()).orElseThrow().fillsBooked()).isZero();
        assertThat(oms.fills(bid.id())).hasSize(2);
        assertThat(order(bid.id()).filledQuantity()).isEqualTo(Quantity.ofWhole(100));
    }
}
