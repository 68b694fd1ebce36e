package org.nautilus.venue.ibkr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.venue.ibkr.internal.GatewayFake.ACCOUNT;
import static org.nautilus.venue.ibkr.internal.GatewayFake.API;
import static org.nautilus.venue.ibkr.internal.GatewayFake.liveOrder;
import static org.nautilus.venue.ibkr.internal.GatewayFake.trade;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
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
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.VenueConnectionListener;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenueQuery;
import org.nautilus.testsupport.Await;

/** The IBKR venue against a WireMock gateway: session, orders, questions, fills, cancels, 401 and 429. */
class IbkrVenueTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T0 = Instant.parse("2024-12-01T14:00:00Z");

    private final GatewayFake gateway = new GatewayFake();
    private final Reports reports = new Reports();
    private final Connection connection = new Connection();
    private IbkrVenue venue;

    @AfterEach
    void stop() {
        if (venue != null) {
            venue.close();
        }
        gateway.close();
    }

    private IbkrVenue start(IbkrConfig config) {
        venue = new IbkrVenue(config, Clock.systemUTC());
        venue.connectionListener(connection);
        await("connected", venue::connected);
        return venue;
    }

    private IbkrVenue start() {
        return start(IbkrConfig.defaults("IBKR", gateway.baseUrl(), "")
                .withTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50)));
    }

    private static Order order(long id, Side side, long quantity, String limit) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c" + id), PortfolioId.of("P1"), AAPL, side,
                OrderType.LIMIT, Quantity.ofWhole(quantity), Price.of(limit), null, TimeInForce.GTC, null,
                VenueId.of("IBKR"), false, false);
        return new Order(OrderId.of(id), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, T0, T0);
    }

    static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    @Test
    void a_session_that_is_authenticated_connects_and_reads_the_account() {
        start();

        assertThat(venue.description()).contains("account " + ACCOUNT);
        assertThat(connection.events).containsExactly("connected IBKR");
    }

    @Test
    void an_order_with_a_confirmation_question_is_confirmed_placed_and_filled_partially_then_fully_each_fill_once()
            throws Exception {
        start();
        gateway.placeWithQuestion("07a13a5a-4a48-44a5-bb25-5ab37b79186c", "1234567890");

        venue.submit(order(7, Side.BUY, 100, "190.00"), reports);
        await("ACCEPTED", () -> reports.types().contains(ExecType.ACCEPTED));

        gateway.server.verify(postRequestedFor(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/orders"))
                .withRequestBody(equalToJson("{\"orders\":[{\"acctId\":\"" + ACCOUNT + "\",\"conid\":265598,"
                        + "\"side\":\"BUY\",\"quantity\":100,\"orderType\":\"LMT\",\"price\":190,\"tif\":\"GTC\","
                        + "\"cOID\":\"nautilus-7\"}]}")));
        gateway.server.verify(postRequestedFor(urlEqualTo(API + "/iserver/reply/07a13a5a-4a48-44a5-bb25-5ab37b79186c"))
                .withRequestBody(equalToJson("{\"confirmed\":true}")));

        gateway.trades("[" + trade("0000e0d5.6751f1b8.01.01", "nautilus-7", "B", 40, "189.95") + "]");
        await("first fill", () -> reports.fills().size() == 1);
        gateway.trades("[" + trade("0000e0d5.6751f1b8.01.01", "nautilus-7", "B", 40, "189.95") + ","
                + trade("0000e0d5.6751f1c2.01.01", "nautilus-7", "B", 60, "190.00") + "]");
        await("second fill", () -> reports.fills().size() == 2);
        Thread.sleep(400); // several more polls see both executions again

        assertThat(reports.fills()).extracting(r -> r.executionId() + " " + r.lastQuantity() + "@" + r.lastPrice())
                .containsExactly("0000e0d5.6751f1b8.01.01 40@189.95", "0000e0d5.6751f1c2.01.01 60@190");
        assertThat(reports.fills().get(0).commission().toString()).isEqualTo("1");
        assertThat(reports.fills().get(0).timestamp()).isEqualTo(Instant.ofEpochMilli(1733063405000L));
        assertThat(venue.followedOrders()).as("a filled order is no longer followed").isZero();
    }

    @Test
    void a_cancel_acknowledged_as_submitted_is_confirmed_only_when_the_live_orders_show_it_cancelled()
            throws Exception {
        start();
        gateway.place("1234567891");
        gateway.cancelSubmitted("1234567891");
        Order order = order(8, Side.SELL, 10, "200.00");
        venue.submit(order, reports);
        await("ACCEPTED", () -> reports.types().contains(ExecType.ACCEPTED));
        gateway.orders(liveOrder("1234567891", "nautilus-8", "SELL", "PendingCancel", 0, 10));

        venue.cancel(order, reports);
        await("DELETE sent", () -> !gateway.server.findAll(deleteRequestedFor(
                urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/order/1234567891"))).isEmpty());
        Thread.sleep(400); // several more polls see the order still pending: none of them may read as a cancel
        assertThat(reports.types()).as("'Request was submitted' is not a cancel").doesNotContain(ExecType.CANCELED);

        gateway.orders(liveOrder("1234567891", "nautilus-8", "SELL", "Cancelled", 0, 10));
        await("CANCELED", () -> reports.types().contains(ExecType.CANCELED));
    }

    @Test
    void an_order_IBKR_rejects_is_REJECTED_with_its_reason_and_questions_are_not_confirmed_when_told_not_to() {
        start(IbkrConfig.defaults("IBKR", gateway.baseUrl(), ACCOUNT)
                .withTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50))
                .withConfirmQuestions(false));
        gateway.placeRejected("We cannot accept an order at the limit price you selected.");

        venue.submit(order(9, Side.BUY, 1, "1.00"), reports);
        await("REJECTED", () -> reports.types().contains(ExecType.REJECTED));
        assertThat(reports.all.get(0).reason()).contains("We cannot accept an order at the limit price");

        gateway.placeWithQuestion("q-2", "1234567892");
        venue.submit(order(10, Side.BUY, 1, "190.00"), reports);
        await("second REJECTED", () -> reports.all.size() == 2);
        assertThat(reports.all.get(1).type()).isEqualTo(ExecType.REJECTED);
        assertThat(reports.all.get(1).reason()).contains("without market data").contains("confirm.questions is false");
    }

    @Test
    void an_amend_is_a_modify_of_the_IBKR_order() {
        start();
        gateway.place("1234567893");
        gateway.modify("1234567893");
        Order order = order(11, Side.BUY, 10, "190.00");
        venue.submit(order, reports);
        await("ACCEPTED", () -> reports.types().contains(ExecType.ACCEPTED));

        OrderRequest r = order.request();
        Order amended = new Order(order.id(), new OrderRequest(r.clientOrderId(), r.portfolioId(), AAPL, Side.BUY,
                OrderType.LIMIT, Quantity.ofWhole(20), Price.of("189.50"), null, TimeInForce.GTC, null, r.venueId(),
                false, false), OrderStatus.PENDING_UPDATE, Quantity.ZERO, null, null, null, T0, T0);
        venue.amend(amended, reports);

        await("REPLACED", () -> reports.types().contains(ExecType.REPLACED));
        gateway.server.verify(postRequestedFor(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/order/1234567893"))
                .withRequestBody(equalToJson("{\"acctId\":\"" + ACCOUNT + "\",\"conid\":265598,\"side\":\"BUY\","
                        + "\"quantity\":20,\"orderType\":\"LMT\",\"price\":189.5,\"tif\":\"GTC\"}")));
    }

    @Test
    void a_401_after_the_session_expired_disconnects_and_re_authentication_reconnects() {
        start();
        gateway.place("1234567894");
        venue.submit(order(12, Side.BUY, 10, "190.00"), reports);
        await("ACCEPTED", () -> reports.types().contains(ExecType.ACCEPTED));

        gateway.expired();
        // The listener hears of it just after connected() turns false.
        await("disconnected", () -> !venue.connected() && connection.events.size() > 1);
        assertThat(venue.reason()).contains("401");
        assertThat(connection.events).last().asString().startsWith("disconnected IBKR");
        assertThat(venue.followedOrders()).as("orders stay known").isEqualTo(1);
        VenueQuery<List<VenueOrder>> whileDown = venue.openOrders();
        assertThat(whileDown.failed()).as("never read as 'no orders'").isTrue();

        gateway.server.resetAll();
        gateway.close();
    }

    @Test
    void the_gateways_daily_restart_disconnects_until_it_is_authenticated_again() {
        start();
        gateway.authenticated(false);
        await("disconnected", () -> !venue.connected());
        assertThat(venue.reason()).contains("not authenticated").contains("gateway restarted");

        gateway.authenticated(true);
        await("reconnected", venue::connected);
        assertThat(connection.events).containsExactly("connected IBKR",
                "disconnected IBKR gateway session not authenticated: gateway restarted", "connected IBKR");
    }

    @Test
    void a_429_backs_off_and_retries_and_a_persistent_429_fails_the_request_after_the_configured_retries() {
        start();
        gateway.server.stubFor(post(urlEqualTo(API + "/iserver/secdef/search")).inScenario("pacing")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(429))
                .willSetStateTo("once"));
        gateway.server.stubFor(post(urlEqualTo(API + "/iserver/secdef/search")).inScenario("pacing")
                .whenScenarioStateIs("once").willReturn(okJson("[{\"conid\":265598,\"symbol\":\"AAPL\","
                        + "\"sections\":[{\"secType\":\"STK\"}]}]")));
        gateway.place("1234567895");

        venue.submit(order(13, Side.BUY, 1, "190.00"), reports);
        await("ACCEPTED after a back-off", () -> reports.types().contains(ExecType.ACCEPTED));
        assertThat(venue.throttled()).isEqualTo(1);

        gateway.server.stubFor(post(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/orders"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
        long before = gateway.server.findAll(postRequestedFor(urlEqualTo(API + "/iserver/account/" + ACCOUNT
                + "/orders"))).size();
        venue.submit(order(14, Side.BUY, 1, "190.00"), reports);
        await("REJECTED after the retries", () -> reports.all.stream().anyMatch(
                r -> r.orderId().equals(OrderId.of(14)) && r.type() == ExecType.REJECTED));
        long sent = gateway.server.findAll(postRequestedFor(urlEqualTo(API + "/iserver/account/" + ACCOUNT
                + "/orders"))).size() - before;
        assertThat(sent).as("one try and three retries, then it gives up").isEqualTo(4);
        assertThat(reports.all.get(reports.all.size() - 1).reason()).contains("429");
    }

    @Test
    void reconciliation_queries_list_our_orders_external_ones_executions_and_positions() {
        start();
        gateway.orders(liveOrder("1234567896", "nautilus-7", "BUY", "Submitted", 40, 60) + ","
                + liveOrder("1234567897", null, "SELL", "PreSubmitted", 0, 5) + ","
                + liveOrder("1234567898", "nautilus-3", "BUY", "Filled", 10, 0));
        gateway.trades("[" + trade("0000e0d5.6751f1b8.01.01", "nautilus-7", "B", 40, "189.95") + "]");
        gateway.positions("[{\"acctId\":\"" + ACCOUNT + "\",\"conid\":265598,\"contractDesc\":\"AAPL\","
                + "\"position\":40.0,\"mktPrice\":190.1,\"mktValue\":7604.0,\"currency\":\"USD\",\"avgCost\":189.97,"
                + "\"avgPrice\":189.97,\"realizedPnl\":0.0,\"unrealizedPnl\":5.2,\"assetClass\":\"STK\","
                + "\"ticker\":\"AAPL\"}]");

        List<VenueOrder> open = venue.openOrders().value();
        assertThat(open).hasSize(2);
        assertThat(open.get(0).orderId()).isEqualTo(OrderId.of(7));
        assertThat(open.get(0).filledQuantity()).isEqualTo(Quantity.ofWhole(40));
        assertThat(open.get(0).quantity()).isEqualTo(Quantity.ofWhole(100));
        assertThat(open.get(1).orderId()).as("placed outside the platform: external").isNull();
        assertThat(open.get(1).side()).isEqualTo(Side.SELL);
        assertThat(venue.executions(T0).value()).singleElement().satisfies(e -> {
            assertThat(e.orderId()).isEqualTo(OrderId.of(7));
            assertThat(e.side()).isEqualTo(Side.BUY);
            assertThat(e.price()).isEqualTo(Price.of("189.95"));
        });
        assertThat(venue.positions().value()).singleElement().satisfies(p -> {
            assertThat(p.instrumentId()).isEqualTo(AAPL);
            assertThat(p.quantity()).isEqualTo(Quantity.ofWhole(40));
        });
    }

    @Test
    void a_market_data_snapshot_is_read_by_the_poller_and_shown_as_the_top_of_the_book() {
        start();
        gateway.server.stubFor(WireMock.get(urlEqualTo(API
                + "/iserver/marketdata/snapshot?conids=265598&fields=84,85,86,88")).willReturn(okJson(
                        "[{\"conidEx\":\"265598\",\"conid\":265598,\"84\":\"190.09\",\"85\":\"300\",\"86\":\"190.11\","
                                + "\"88\":\"200\",\"_updated\":1733063405000,\"6119\":\"q0\",\"server_id\":\"q0\"}]")));

        assertThat(venue.depth(AAPL, 1)).as("nothing read yet: the caller never waits on the network").isEmpty();
        await("snapshot", () -> venue.depth(AAPL, 1).isPresent());

        var book = venue.depth(AAPL, 1).orElseThrow();
        assertThat(book.bids().get(0).price()).isEqualTo(Price.of("190.09"));
        assertThat(book.bids().get(0).quantity()).isEqualTo(Quantity.ofWhole(200));
        assertThat(book.asks().get(0).price()).isEqualTo(Price.of("190.11"));
        assertThat(book.asks().get(0).quantity()).isEqualTo(Quantity.ofWhole(300));
    }

    /** Records the reports, in order. */
    static final class Reports implements ExecutionListener {
        final List<ExecutionReport> all = new CopyOnWriteArrayList<>();
        /** When the first fill arrived ({@link System#nanoTime}), to time a pushed fill. */
        volatile long firstFillNanos;

        @Override
        public void onReport(ExecutionReport report) {
            if (report.type() == ExecType.FILL && firstFillNanos == 0) {
                firstFillNanos = System.nanoTime();
            }
            all.add(report);
        }

        List<ExecType> types() {
            return all.stream().map(ExecutionReport::type).toList();
        }

        List<ExecutionReport> fills() {
            return all.stream().filter(r -> r.type() == ExecType.FILL).toList();
        }
    }

    static final class Connection implements VenueConnectionListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void connected(VenueId venue) {
            events.add("connected " + venue);
        }

        @Override
        public void disconnected(VenueId venue, String reason) {
            events.add("disconnected " + venue + " " + reason);
        }
    }
}
