package org.nautilus.venue.fix.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.DsConfigs;
import org.nautilus.testsupport.ScriptedRisk;
import org.nautilus.venue.simulated.internal.MarketAccess;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import org.nautilus.venue.simulated.internal.VenueConfig;
import quickfix.Message;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * The FIX venue against a FIX exchange of our own ({@link FixExchange}: the simulated exchange's matching engine
 * behind a QuickFIX/J acceptor), real QuickFIX/J sessions on both sides over loopback: orders filled, partially filled,
 * canceled, replaced, rejected with the exchange's text; the dialect on the wire; DISCONNECTED while the session is
 * down; and, with the real OMS core, a disconnect mid-order whose missed fill is booked once at the next logon.
 */
class FixVenueTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final VenueId VENUE = VenueId.of("FIXV");

    @TempDir
    Path store;

    private final Map<InstrumentId, Quote> quotes = new ConcurrentHashMap<>();
    private final MarketAccess market = new MarketAccess() {
        @Override
        public Optional<Instrument> instrument(InstrumentId id) {
            return Optional.of(Instrument.equity(id.value(), "USD"));
        }

        @Override
        public Optional<Quote> lastQuote(InstrumentId id) {
            return Optional.ofNullable(quotes.get(id));
        }
    };
    private final AtomicLong ids = new AtomicLong();
    private final List<ExecutionReport> reports = new CopyOnWriteArrayList<>();
    private final ExecutionListener listener = reports::add;
    private SimulatedExchange book;
    private FixExchange exchange;
    private FixVenue venue;
    private FixSession session;
    private OrderManager oms;

    private void start(String beginString, Dialect dialect) throws Exception {
        startExchange(beginString);
        venue = new FixVenue(VENUE, new SessionID(beginString, "NAUTILUS", "XCH"), dialect, Clock.systemUTC(),
                "127.0.0.1:" + exchangePort);
        session = FixSession.start(venue, settings(beginString, store, false));
        Await.until("the venue's session logs on", venue::connected);
    }

    /** The venue's initiator settings: to the exchange, reconnecting every second. */
    private SessionSettings settings(String beginString, Path fileStore, boolean resetOnLogon) {
        SessionID id = new SessionID(beginString, "NAUTILUS", "XCH");
        SessionSettings settings = new SessionSettings();
        settings.setString(id, "ConnectionType", "initiator");
        settings.setString(id, "SocketConnectHost", "127.0.0.1");
        settings.setLong(id, "SocketConnectPort", exchangePort);
        settings.setLong(id, "HeartBtInt", 30);
        settings.setLong(id, "ReconnectInterval", 1);
        settings.setString(id, "StartTime", "00:00:00");
        settings.setString(id, "EndTime", "00:00:00");
        settings.setString(id, "FileStorePath", fileStore.toString());
        settings.setString(id, "ResetOnLogon", resetOnLogon ? "Y" : "N");
        settings.setString(id, "UseDataDictionary", "Y");
        settings.setString(id, "DataDictionary", beginString.replace(".", "") + ".xml");
        return settings;
    }

    private int exchangePort;

    private int startExchange(String beginString) throws Exception {
        quotes.put(AAPL, new Quote(AAPL, Price.of("100.00"), Quantity.ofWhole(500), Price.of("100.02"),
                Quantity.ofWhole(500), Instant.now()));
        // One market-maker level per side: 500 bid at 100.00, 500 offered at 100.02.
        book = new SimulatedExchange(VenueConfig.defaults("XCH").withLiquidity(BigDecimal.ONE, 1, 1),
                Clock.systemUTC(), market);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        exchange = new FixExchange(book, port, beginString, "XCH", "NAUTILUS");
        exchangePort = port;
        return port;
    }

    @AfterEach
    void stop() {
        if (oms != null) {
            oms.close();
        }
        if (session != null) {
            session.close();
        }
        if (exchange != null) {
            exchange.close();
        }
        if (book != null) {
            book.close();
        }
    }

    private Order order(Side side, OrderType type, long quantity, String limit, TimeInForce tif, Instant expire) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c" + ids.incrementAndGet()), PortfolioId.of("P1"),
                AAPL, side, type, Quantity.ofWhole(quantity), limit == null ? null : Price.of(limit), null, tif,
                expire, VENUE, false, false);
        Instant now = Instant.now();
        return new Order(OrderId.of(ids.get()), request, OrderStatus.SUBMITTED, Quantity.ZERO, null, VENUE, null, now,
                now);
    }

    private Order limit(Side side, long quantity, String limit) {
        return order(side, OrderType.LIMIT, quantity, limit, TimeInForce.DAY, null);
    }

    private List<ExecutionReport> of(Order order) {
        return reports.stream().filter(r -> r.orderId().equals(order.id())).toList();
    }

    private List<ExecType> types(Order order) {
        return of(order).stream().map(ExecutionReport::type).toList();
    }

    private void awaitReport(Order order, ExecType type) {
        Await.until(order.id() + " gets " + type, () -> types(order).contains(type));
    }

    private static Order amended(Order order, long quantity, String limit) {
        OrderRequest r = order.request();
        return new Order(order.id(), new OrderRequest(r.clientOrderId(), r.portfolioId(), r.instrumentId(), r.side(),
                r.type(), Quantity.ofWhole(quantity), Price.of(limit), null, r.timeInForce(), r.expireTime(),
                r.venueId(), false, false), OrderStatus.ACCEPTED, Quantity.ZERO, null, VENUE, null, order.createdAt(),
                Instant.now());
    }

    @Test
    void orders_are_filled_partially_filled_canceled_replaced_and_rejected_with_the_exchange_text() throws Exception {
        start("FIX.4.4", Dialect.STANDARD);

        Order filled = limit(Side.BUY, 100, "100.02");
        venue.submit(filled, listener);
        awaitReport(filled, ExecType.FILL);
        assertThat(types(filled)).containsExactly(ExecType.ACCEPTED, ExecType.FILL);
        ExecutionReport fill = of(filled).get(1);
        assertThat(fill.lastQuantity()).isEqualTo(Quantity.ofWhole(100));
        assertThat(fill.lastPrice()).isEqualTo(Price.of("100.02"));
        assertThat(fill.executionId()).as("the exchange's ExecID").startsWith("XCH-");

        // 700 against 400 left at 100.02: 400 fill, 300 rest; then the rest is canceled.
        Order partial = limit(Side.BUY, 700, "100.02");
        venue.submit(partial, listener);
        awaitReport(partial, ExecType.FILL);
        assertThat(of(partial).get(1).lastQuantity()).isEqualTo(Quantity.ofWhole(400));
        venue.cancel(partial, listener);
        awaitReport(partial, ExecType.CANCELED);
        assertThat(types(partial)).containsExactly(ExecType.ACCEPTED, ExecType.FILL, ExecType.CANCELED);

        // A resting bid amended to more at a better price, then an amend the exchange refuses (off tick), then a
        // cancel.
        Order resting = limit(Side.BUY, 10, "99.00");
        venue.submit(resting, listener);
        awaitReport(resting, ExecType.ACCEPTED);
        venue.amend(amended(resting, 20, "99.50"), listener);
        awaitReport(resting, ExecType.REPLACED);
        assertThat(book.depth(AAPL, 5).orElseThrow().bids()).anySatisfy(level -> {
            assertThat(level.price()).isEqualTo(Price.of("99.50"));
            assertThat(level.quantity()).isEqualTo(Quantity.ofWhole(20));
        });
        venue.amend(amended(resting, 20, "99.505"), listener);
        awaitReport(resting, ExecType.REPLACE_REJECTED);
        assertThat(of(resting).get(2).reason()).startsWith("amend refused by FIXV: ").contains("tick");
        venue.cancel(resting, listener);
        awaitReport(resting, ExecType.CANCELED);
        assertThat(types(resting)).containsExactly(ExecType.ACCEPTED, ExecType.REPLACED, ExecType.REPLACE_REJECTED,
                ExecType.CANCELED);

        Order offTick = limit(Side.BUY, 10, "99.001");
        venue.submit(offTick, listener);
        awaitReport(offTick, ExecType.REJECTED);
        ExecutionReport rejected = of(offTick).get(0);
        assertThat(rejected.reason()).as("the exchange's text").contains("tick").contains("OrdRejReason 99");

        // A cancel of an order the exchange no longer has (filled): refused with its reason.
        venue.cancel(filled, listener);
        assertThat(of(filled)).last().satisfies(r -> assertThat(r.type()).isEqualTo(ExecType.REJECTED));
    }

    @Test
    void fix_42_orders_fill_and_cancel() throws Exception {
        start("FIX.4.2", Dialect.STANDARD);
        Order filled = limit(Side.SELL, 50, "100.00");
        venue.submit(filled, listener);
        awaitReport(filled, ExecType.FILL);
        assertThat(of(filled).get(1).lastPrice()).isEqualTo(Price.of("100.00"));
        Order resting = limit(Side.SELL, 5, "101.00");
        venue.submit(resting, listener);
        awaitReport(resting, ExecType.ACCEPTED);
        venue.cancel(resting, listener);
        awaitReport(resting, ExecType.CANCELED);
        Message d = exchange.received().get(0);
        assertThat(d.getChar(21)).as("HandlInst, required in 4.2").isEqualTo('1');
    }

    @Test
    void the_dialect_is_applied_on_the_wire() throws Exception {
        Dialect dialect = Dialect.parse("1=ACCT7", "100=XNAS, 50=DESK1", "126", "MARKET=K", "GTD=1");
        start("FIX.4.4", dialect);

        Order market = order(Side.BUY, OrderType.MARKET, 10, null, TimeInForce.IOC, null);
        venue.submit(market, listener);
        awaitReport(market, ExecType.FILL);
        Order gtd = order(Side.BUY, OrderType.LIMIT, 10, "99.00", TimeInForce.GTD, Instant.now().plusSeconds(3600));
        venue.submit(gtd, listener);
        awaitReport(gtd, ExecType.ACCEPTED);

        Message first = exchange.received().get(0);
        assertThat(first.getChar(40)).as("OrdType mapped").isEqualTo('K');
        assertThat(first.getString(1)).as("Account added").isEqualTo("ACCT7");
        assertThat(first.getString(100)).as("ExDestination overridden").isEqualTo("XNAS");
        assertThat(first.getHeader().getString(50)).as("SenderSubID, a header tag, in the header").isEqualTo("DESK1");
        assertThat(first.getChar(59)).as("IOC not mapped: standard").isEqualTo('3');
        Message second = exchange.received().get(1);
        assertThat(second.getChar(59)).as("GTD sent as GTC").isEqualTo('1');
        assertThat(second.isSetField(126)).as("ExpireTime dropped").isFalse();
        assertThat(second.getChar(40)).as("LIMIT not mapped: standard").isEqualTo('2');
    }

    @Test
    void the_component_made_from_its_configuration_logs_on_trades_and_stops() throws Exception {
        int port = startExchange("FIX.4.4");
        FixVenueComponent component = new FixVenueComponent(DsConfigs.config(FixVenueComponent.Config.class,
                Map.of("venue.id", "BROKER1", "target.comp.id", "XCH", "port", port, "reconnect.s", 1,
                        "store.path", store.resolve("component").toString(), "tags.add", "1=ACCT9")));
        try {
            assertThat(component.venue().id()).isEqualTo(VenueId.of("BROKER1"));
            assertThat(component.venue().description()).contains("FIX.4.4 session NAUTILUS->XCH at 127.0.0.1:" + port);
            Await.until("the component's session logs on", component.venue()::connected);
            Order order = limit(Side.BUY, 5, "100.02");
            component.venue().submit(order, listener);
            awaitReport(order, ExecType.FILL);
            assertThat(exchange.received().get(0).getString(1)).isEqualTo("ACCT9");
        } finally {
            component.deactivate();
        }
        assertThat(component.venue().connected()).isFalse();
        assertThatThrownBy(() -> new FixVenueComponent(DsConfigs.config(FixVenueComponent.Config.class,
                Map.of("venue.id", "BROKER2", "port", port)))).hasMessageContaining("target.comp.id");
        assertThatThrownBy(() -> new FixVenueComponent(DsConfigs.config(FixVenueComponent.Config.class,
                Map.of("venue.id", "BROKER3", "settings.file", "no/such.cfg")))).hasMessageContaining("no/such.cfg");
    }

    @Test
    void after_a_restart_of_the_venue_a_recovered_order_is_asked_for_and_what_it_missed_is_booked() throws Exception {
        start("FIX.4.4", Dialect.STANDARD);
        Order bid = limit(Side.BUY, 100, "99.00");
        venue.submit(bid, listener);
        awaitReport(bid, ExecType.ACCEPTED);
        Order neverThere = limit(Side.BUY, 10, "98.00");

        // The venue stops (a restart of its bundle or node, its message store lost: it logs on afresh, so the exchange
        // resends nothing); meanwhile 60 of the bid trade at 99.00.
        session.close();
        venue.close();
        exchange.foreign(Side.SELL, 560, "99.00");
        venue = new FixVenue(VENUE, new SessionID("FIX.4.4", "NAUTILUS", "XCH"), Dialect.STANDARD, Clock.systemUTC(),
                null);
        reports.clear();
        Order recovered = new Order(bid.id(), bid.request(), OrderStatus.ACCEPTED, Quantity.ZERO, null, VENUE, null,
                bid.createdAt(), Instant.now());
        venue.reconcile(recovered, listener);
        venue.reconcile(new Order(neverThere.id(), neverThere.request(), OrderStatus.ACCEPTED, Quantity.ZERO, null,
                VENUE, null, neverThere.createdAt(), Instant.now()), listener);
        assertThat(venue.connected()).isFalse();
        session = FixSession.start(venue, settings("FIX.4.4", store.resolve("after-restart"), true));
        Await.until("the restarted venue logs on", venue::connected);

        awaitReport(bid, ExecType.FILL);
        assertThat(of(bid)).singleElement().satisfies(fill -> {
            assertThat(fill.lastQuantity()).isEqualTo(Quantity.ofWhole(60));
            assertThat(fill.lastPrice()).as("from AvgPx").isEqualTo(Price.of("99.00"));
            assertThat(fill.executionId()).isEqualTo("FIXV-" + bid.id() + "-cum-60");
        });
        awaitReport(neverThere, ExecType.CANCELED);
        assertThat(of(neverThere).get(0).reason()).contains("not known at venue FIXV");
        // Asked again (the next logon): nothing is booked twice.
        venue.reconcile(recovered, listener);
        exchange.foreign(Side.SELL, 40, "99.00");
        Await.until("the rest fills live", () -> of(bid).size() == 2);
        assertThat(of(bid).get(1).lastQuantity()).isEqualTo(Quantity.ofWhole(40));
    }

    @Test
    void bad_dialect_settings_are_refused_with_the_setting_named() {
        Assertions.assertThatThrownBy(() -> Dialect.parse("1", "", "", "", ""))
                .hasMessageContaining("tags.add");
        Assertions.assertThatThrownBy(() -> Dialect.parse("", "", "", "PEGGED=P", ""))
                .hasMessageContaining("ordtype.map").hasMessageContaining("PEGGED");
        Assertions.assertThatThrownBy(() -> Dialect.parse("", "34=7", "", "", ""))
                .hasMessageContaining("tag 34");
        Assertions.assertThatThrownBy(() -> Dialect.parse("", "", "", "", "DAY=10"))
                .hasMessageContaining("tif.map");
    }

    @Test
    void a_disconnect_mid_order_then_logon_books_the_missed_fill_once_in_the_oms() throws Exception {
        start("FIX.4.4", Dialect.STANDARD);
        oms = OrderManager.builder(market::instrument, ScriptedRisk.approvingAll()).partitions(2).build();
        oms.venueAdded(VENUE, venue);
        Await.until("the venue is available", () -> oms.venues().get(0).availability() == VenueAvailability.AVAILABLE);

        Order bid = oms.submit(new OrderRequest(ClientOrderId.of("b1"), PortfolioId.of("P1"), AAPL, Side.BUY,
                OrderType.LIMIT, Quantity.ofWhole(100), Price.of("99.00"), null, TimeInForce.GTC, null, VENUE, false,
                false));
        Await.until("the bid works at the exchange",
                () -> oms.order(bid.id()).orElseThrow().status() == OrderStatus.ACCEPTED);

        exchange.outage();
        Await.until("the venue is DISCONNECTED",
                () -> oms.venues().get(0).availability() == VenueAvailability.DISCONNECTED);
        assertThat(oms.venues().get(0).reason()).contains("logged out or disconnected");
        Order refused = oms.submit(new OrderRequest(ClientOrderId.of("b2"), PortfolioId.of("P1"), AAPL, Side.BUY,
                OrderType.LIMIT, Quantity.ofWhole(1), Price.of("99.00"), null, TimeInForce.GTC, null, VENUE, false,
                false));
        assertThat(refused.rejectCode()).isEqualTo(RejectCode.VENUE_UNAVAILABLE);

        // While away: a seller sweeps the market maker's 500 at 100.00 and takes 60 of our bid at 99.00.
        exchange.foreign(Side.SELL, 560, "99.00");
        assertThat(oms.order(bid.id()).orElseThrow().filledQuantity()).isEqualTo(Quantity.ZERO);

        exchange.allowLogons();
        Await.until("the OMS books the missed fill", () -> oms.order(bid.id()).orElseThrow().filledQuantity()
                .equals(Quantity.ofWhole(60)));
        Await.until("the venue is available again",
                () -> oms.venues().get(0).availability() == VenueAvailability.AVAILABLE);
        // The fill reached us twice (the exchange's resend of the report it could not send, and the status answer):
        // it is booked once.
        Await.until("the exchange resent what we missed", () -> exchange.resent() > 0);
        oms.sync();
        assertThat(oms.fills(bid.id())).singleElement().satisfies(f -> {
            assertThat(f.quantity()).isEqualTo(Quantity.ofWhole(60));
            assertThat(f.price()).isEqualTo(Price.of("99.00"));
        });
        Order after = oms.order(bid.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(after.averagePrice()).isEqualTo(Price.of("99.00"));

        // Live again: the rest trades and is reported as usual.
        exchange.foreign(Side.SELL, 2000, "99.00");
        Await.until("the bid fills", () -> oms.order(bid.id()).orElseThrow().status() == OrderStatus.FILLED);
        oms.sync();
        assertThat(oms.fills(bid.id())).hasSize(2);
    }
}
