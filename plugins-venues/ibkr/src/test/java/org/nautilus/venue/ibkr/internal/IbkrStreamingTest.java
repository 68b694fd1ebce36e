package org.nautilus.venue.ibkr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.venue.ibkr.internal.GatewayFake.ACCOUNT;
import static org.nautilus.venue.ibkr.internal.GatewayFake.API;
import static org.nautilus.venue.ibkr.internal.GatewayFake.trade;
import static org.nautilus.venue.ibkr.internal.IbkrVenueTest.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Instrument;
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
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.venue.ibkr.internal.IbkrVenueTest.Connection;
import org.nautilus.venue.ibkr.internal.IbkrVenueTest.Reports;

/**
 * The IBKR venue's WebSocket against {@link SocketFake} (beside the WireMock REST gateway): the session handshake
 * and subscriptions, fills and order states booked as they are pushed, polling as the fallback while the socket is
 * down and as reconciliation when it is back (each execution booked once), quotes into the platform's market data.
 */
class IbkrStreamingTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final Instant T0 = Instant.parse("2024-12-01T14:00:00Z");
    private static final String SMD_AAPL = "smd+265598+{\"fields\":[\"84\",\"85\",\"86\",\"88\"]}";

    private final GatewayFake gateway = new GatewayFake();
    private final SocketFake socket;
    private final Reports reports = new Reports();
    private final Connection connection = new Connection();
    private IbkrVenue venue;
    private MarketDataGateway marketData;

    IbkrStreamingTest() throws IOException {
        socket = new SocketFake();
    }

    @AfterEach
    void stop() throws IOException {
        if (venue != null) {
            venue.close();
        }
        if (marketData != null) {
            marketData.close();
        }
        socket.close();
        gateway.close();
    }

    private IbkrConfig config(Duration silence) {
        return IbkrConfig.defaults("IBKR", gateway.baseUrl(), "").withConids(Map.of(AAPL, 265598L))
                .withTiming(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(50))
                .withStreaming(new IbkrConfig.Streaming(true, socket.url(), Duration.ofMillis(100), silence,
                        Duration.ofMillis(100), Duration.ofMillis(400)));
    }

    private void start(IbkrConfig config) {
        venue = new IbkrVenue(config, Clock.systemUTC());
        venue.connectionListener(connection);
        await("connected", venue::connected);
        await("streaming", venue::streaming);
        await("subscribed", () -> socket.received.contains(SMD_AAPL));
    }

    private static Order order(long id, long quantity) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c" + id), PortfolioId.of("P1"), AAPL, Side.BUY,
                OrderType.LIMIT, Quantity.ofWhole(quantity), Price.of("190.00"), null, TimeInForce.GTC, null,
                VenueId.of("IBKR"), false, false);
        return new Order(OrderId.of(id), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, null, null, T0, T0);
    }

    private static String str(String... trades) {
        return "{\"topic\":\"str\",\"args\":[" + String.join(",", trades) + "]}";
    }

    private static String smd(String fields) {
        return "{\"topic\":\"smd+265598\",\"conid\":265598," + fields + ",\"6119\":\"q0\",\"server_id\":\"q0\"}";
    }

    private int tradePolls() {
        return gateway.server.findAll(getRequestedFor(urlEqualTo(API + "/iserver/account/trades"))).size();
    }

    /**
     * Waits until the venue's worker has handled everything pushed before: a quote pushed after them shows up in the
     * book only once the worker got to it (it handles socket messages in order).
     */
    private void pushedSoFarHandled(String bid) {
        socket.push(smd("\"84\":\"" + bid + "\",\"85\":\"1\",\"86\":\"999\",\"88\":\"1\""));
        await("pushed messages handled", () -> venue.depth(AAPL, 1)
                .map(b -> b.bids().get(0).price().equals(Price.of(bid))).orElse(false));
    }

    @Test
    void the_session_goes_first_then_live_orders_trades_and_the_quotes_of_the_venues_instruments() {
        start(config(Duration.ofSeconds(5)));

        assertThat(socket.received).startsWith("{\"session\":\"" + SocketFake.SESSION + "\"}", "sor+{}", "str+{}",
                SMD_AAPL);
        assertThat(socket.handshakes.get(0).get(":path")).isEqualTo(API + "/ws");
        assertThat(socket.handshakes.get(0).get("cookie")).as("the cookie the gateway set")
                .contains("x-sess-uuid=0.1f2e3d4c.1733063400.5a6b7c");
        await("heartbeats", () -> socket.received.contains("tic") && socket.received.contains("ech+hb"));
        assertThat(connection.events).containsExactly("connected IBKR");
    }

    @Test
    void a_pushed_fill_is_booked_without_a_poll_a_dropped_socket_falls_back_to_polling_and_each_fill_is_booked_once()
            throws Exception {
        start(config(Duration.ofSeconds(5)));
        gateway.place("1234567890");
        venue.submit(order(7, 100), reports);
        await("ACCEPTED", () -> reports.types().contains(ExecType.ACCEPTED));
        String first = trade("0000e0d5.6751f1b8.01.01", "nautilus-7", "B", 40, "189.95");
        String second = trade("0000e0d5.6751f1c2.01.01", "nautilus-7", "B", 30, "190.00");
        String third = trade("0000e0d5.6751f1d7.01.01", "nautilus-7", "B", 30, "190.00");

        // Pushed: booked at once, while the REST trades still say nothing and are not even asked.
        int pollsBefore = tradePolls();
        long pushedAt = System.nanoTime();
        socket.push(str(first));
        await("pushed fill booked", () -> reports.fills().size() == 1);
        long bookedMicros = (reports.firstFillNanos - pushedAt) / 1_000;
        assertThat(tradePolls()).as("no poll of trades while the socket streams").isEqualTo(pollsBefore);
        System.out.printf("IBKR pushed fill booked %d us after it was sent%n", bookedMicros);
        assertThat(bookedMicros).as("booked as it arrives, not at the next poll").isLessThan(1_000_000);

        // The socket drops and cannot come back for now: the venue stays connected and polls. The poll sees the
        // pushed fill again (not booked twice) and a new one (booked).
        gateway.trades("[" + first + "," + second + "]");
        socket.refusing(true);
        socket.drop();
        await("polling", () -> !venue.streaming() && tradePolls() >= pollsBefore + 2);
        await("the polled fill", () -> reports.fills().size() == 2);
        assertThat(venue.connected()).as("a dropped socket alone is not a disconnect").isTrue();
        assertThat(connection.events).containsExactly("connected IBKR");

        // The socket is back: re-subscribed, one reconciling poll, and a fill pushed twice is booked once.
        int opened = socket.opened.get();
        socket.refusing(false);
        await("streaming again", venue::streaming);
        assertThat(socket.opened.get()).isEqualTo(opened + 1);
        await("subscribed again", () -> socket.received.stream().filter(SMD_AAPL::equals).count() == 2);
        socket.push(str(second));
        socket.push(str(second, third));
        pushedSoFarHandled("190.01");

        assertThat(reports.fills()).extracting(ExecutionReport::executionId).containsExactly(
                "0000e0d5.6751f1b8.01.01", "0000e0d5.6751f1c2.01.01", "0000e0d5.6751f1d7.01.01");
        assertThat(reports.fills()).extracting(ExecutionReport::lastQuantity).containsExactly(Quantity.ofWhole(40),
                Quantity.ofWhole(30), Quantity.ofWhole(30));
        assertThat(venue.followedOrders()).as("filled: no longer followed").isZero();
    }

    @Test
    void a_pushed_cancelled_status_closes_the_order_even_when_the_update_carries_only_the_IBKR_order_id() {
        start(config(Duration.ofSeconds(5)));
        gateway.place("1234567891");
        gateway.cancelSubmitted("1234567891");
        Order order = order(8, 10);
        venue.submit(order, reports);
        await("ACCEPTED", () -> reports.types().contains(ExecType.ACCEPTED));
        venue.cancel(order, reports);
        await("DELETE sent", () -> !gateway.server.findAll(deleteRequestedFor(
                urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/order/1234567891"))).isEmpty());

        socket.push("{\"topic\":\"sor\",\"args\":[{\"acct\":\"" + ACCOUNT + "\",\"conid\":265598,\"orderId\":"
                + "1234567891,\"status\":\"PendingCancel\"}]}");
        pushedSoFarHandled("190.02");
        assertThat(reports.types()).as("pending is not canceled").doesNotContain(ExecType.CANCELED);

        socket.push("{\"topic\":\"sor\",\"args\":[{\"acct\":\"" + ACCOUNT + "\",\"conid\":265598,\"orderId\":"
                + "1234567891,\"status\":\"Cancelled\"}]}");
        await("CANCELED", () -> reports.types().contains(ExecType.CANCELED));
        assertThat(venue.followedOrders()).isZero();
    }

    @Test
    void pushed_quotes_reach_the_platforms_market_data_merged_field_by_field() {
        marketData = new MarketDataGateway(Clock.systemUTC(), Duration.ofSeconds(1), 10, 1024);
        marketData.define(Instrument.equity("AAPL", "USD"));
        List<Quote> delivered = new CopyOnWriteArrayList<>();
        marketData.subscribe(Set.of(AAPL), new MarketDataListener() {
            @Override
            public void onQuote(Quote quote) {
                delivered.add(quote);
            }
        });
        start(config(Duration.ofSeconds(5)));
        venue.marketData(marketData);

        socket.push(
                smd("\"84\":\"190.09\",\"85\":\"300\",\"86\":\"190.11\",\"88\":\"200\",\"_updated\":1733063405000"));
        await("quote in the market data", () -> marketData.lastQuote(AAPL).isPresent());
        Quote quote = marketData.lastQuote(AAPL).orElseThrow();
        assertThat(quote.bid()).isEqualTo(Price.of("190.09"));
        assertThat(quote.bidSize()).isEqualTo(Quantity.ofWhole(200));
        assertThat(quote.ask()).isEqualTo(Price.of("190.11"));
        assertThat(quote.askSize()).isEqualTo(Quantity.ofWhole(300));
        assertThat(quote.timestamp()).isEqualTo(Instant.ofEpochMilli(1733063405000L));

        // IBKR sends only what changed: the bid moves, the rest stays.
        socket.push(smd("\"84\":\"190.10\",\"_updated\":1733063406000"));
        await("updated quote", () -> marketData.lastQuote(AAPL).get().bid().equals(Price.of("190.10")));
        Quote updated = marketData.lastQuote(AAPL).orElseThrow();
        assertThat(updated.ask()).isEqualTo(Price.of("190.11"));
        assertThat(updated.askSize()).isEqualTo(Quantity.ofWhole(300));
        assertThat(marketData.mark(AAPL)).contains(updated.mid());
        await("both delivered to a subscriber", () -> delivered.size() == 2);
        assertThat(venue.depth(AAPL, 1).orElseThrow().bids().get(0).price()).isEqualTo(Price.of("190.10"));
    }

    @Test
    void a_socket_whose_session_the_gateway_never_confirms_is_not_trusted_and_fills_keep_coming_from_the_poll() {
        socket.session("another-session");
        venue = new IbkrVenue(config(Duration.ofMillis(300)), Clock.systemUTC());
        await("connected", venue::connected);
        gateway.place("1234567892");
        venue.submit(order(9, 10), reports);
        await("ACCEPTED", () -> reports.types().contains(ExecType.ACCEPTED));

        gateway.trades("[" + trade("0000e0d5.6751f1e1.01.01", "nautilus-9", "B", 10, "190.00") + "]");
        await("polled fill", () -> reports.fills().size() == 1);
        await("given up on and tried again", () -> socket.handshakes.size() >= 2);
        assertThat(venue.streaming()).isFalse();
        assertThat(socket.received).as("nothing subscribed before the session is confirmed")
                .noneMatch(m -> m.startsWith("sor") || m.startsWith("str") || m.startsWith("smd"));
    }

    @Test
    void a_socket_that_goes_silent_is_dropped_and_reopened_and_a_lost_session_closes_it_until_the_session_is_back() {
        start(config(Duration.ofMillis(600)));
        socket.muted(true);
        await("dropped for silence", () -> !venue.streaming());
        assertThat(venue.connected()).isTrue();
        socket.muted(false);
        await("streaming again", venue::streaming);
        int opened = socket.opened.get();

        gateway.authenticated(false);
        await("disconnected", () -> !venue.connected());
        await("socket closed with the session", () -> !venue.streaming() && socket.live() == 0);
        gateway.authenticated(true);
        await("reconnected", venue::connected);
        await("streaming with the session", venue::streaming);
        assertThat(socket.opened.get()).as("a new socket with the new session").isGreaterThan(opened);
        assertThat(connection.events).containsExactly("connected IBKR",
                "disconnected IBKR gateway session not authenticated: gateway restarted", "connected IBKR");
    }
}
