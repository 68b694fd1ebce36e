package org.nautilus.fix.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.ignite.ShutdownPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.access.AuthenticatedUser;
import org.nautilus.api.access.UserAuthenticator;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.store.FixSessionStore;
import org.nautilus.grid.internal.fix.GridFixSessionStore;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.ScriptedRisk;
import org.nautilus.venue.simulated.internal.MarketAccess;
import org.nautilus.venue.simulated.internal.SimulatedExchange;
import org.nautilus.venue.simulated.internal.VenueConfig;
import quickfix.Application;
import quickfix.FileStoreFactory;
import quickfix.FixVersions;
import quickfix.Log;
import quickfix.LogFactory;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.ThreadedSocketAcceptor;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.MassCancelRequestType;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.OrigSendingTime;
import quickfix.field.PossDupFlag;
import quickfix.field.TransactTime;

/**
 * The gateway in process, over loopback: QuickFIX/J initiators against its acceptor, the OMS core
 * ({@link OrderManager}) with the simulated exchange behind it (quoted 99.99 / 100.01 in MSFT), its committed events
 * turned into reports. Users are a table here (JAAS runs in Karaf: FixGatewayIT checks logons against the real
 * realm); pre-trade risk is one rule, a maximum quantity of 1,000, so a denial carries a code.
 */
class FixGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InstrumentId MSFT = InstrumentId.of("MSFT");

    @TempDir
    Path data;

    private SimulatedExchange exchange;
    private OrderManager oms;
    private FixGateway gateway;
    private ThreadedSocketAcceptor acceptor;
    private int port;
    private OrderService service;
    private UserAuthenticator users;
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final List<EmbeddedGrid> grids = new ArrayList<>();
    private final List<ThreadedSocketAcceptor> gridAcceptors = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Quote quote = new Quote(MSFT, Price.of("99.99"), Quantity.ofWhole(1_000_000), Price.of("100.01"),
                Quantity.ofWhole(1_000_000), Instant.now());
        MarketAccess market = new MarketAccess() {
            @Override
            public Optional<Instrument> instrument(InstrumentId id) {
                return id.equals(MSFT) ? Optional.of(Instrument.equity("MSFT", "USD")) : Optional.empty();
            }

            @Override
            public Optional<Quote> lastQuote(InstrumentId id) {
                return id.equals(MSFT) ? Optional.of(quote) : Optional.empty();
            }
        };
        exchange = new SimulatedExchange(VenueConfig.defaults("SIM"), Clock.systemUTC(), market);
        exchange.onQuote(quote);
        RiskService maxQuantity = new ScriptedRisk(request -> request.quantity().compareTo(Quantity.ofWhole(1000)) > 0
                ? RiskDecision.reject("max-order-quantity", RejectCode.MAX_ORDER_QUANTITY, "quantity "
                        + request.quantity() + " exceeds 1000")
                : RiskDecision.approve());
        oms = OrderManager.builder(market::instrument, maxQuantity).clock(Clock.systemUTC()).partitions(2).build();
        oms.venueAdded(exchange.id(), exchange);
        port = freePort();
        SessionSettings settings = acceptorSettings(port);
        settings.setString("FileStorePath", data.resolve("store").toString());
        Map<SessionID, SessionPolicy> policies = new LinkedHashMap<>();
        session(settings, policies, "FIX.4.4", "C1", "User=trader", "Portfolio=p1", "ThrottleMessagesPerSecond=1000",
                "CancelOnDisconnect=Y", "CancelOnDisconnectGraceSeconds=1");
        session(settings, policies, "FIX.4.2", "C42", "User=trader", "Portfolio=p2", "AllowUnknownMsgFields=Y");
        session(settings, policies, "FIX.4.4", "SLOW", "User=trader", "Portfolio=p3", "ThrottleMessagesPerSecond=3");
        session(settings, policies, "FIX.4.4", "COPY", "User=viewer", "DropCopy=Y", "DropCopyPortfolios=p1");
        session(settings, policies, "FIXT.1.1", "C50", "User=trader", "Portfolio=p5", "DefaultApplVerID=FIX.5.0SP2");
        users = (user, password) -> switch (user + "/" + new String(password)) {
            case "trader/secret-t" -> Optional.of(new AuthenticatedUser("trader", Set.of("trader", "viewer")));
            case "viewer/secret-v" -> Optional.of(new AuthenticatedUser("viewer", Set.of("viewer")));
            default -> Optional.empty();
        };
        service = new OrderService() {
            // OrderManager is the OMS core; the OSGi component that publishes it delegates the same way.
            @Override
            public Order submit(OrderRequest request) {
                return oms.submit(request);
            }

            @Override
            public CompletionStage<Order> submitAsync(OrderRequest r) {
                return oms.submitAsync(r);
            }

            @Override
            public List<Order> submit(OrderList list) {
                return oms.submit(list);
            }

            @Override
            public CommandResult amend(OrderId id, Quantity quantity,
                    Price price) {
                return oms.amend(id, quantity, price);
            }

            @Override
            public CommandResult cancel(OrderId id) {
                return oms.cancel(id);
            }

            @Override
            public Optional<Order> order(OrderId id) {
                return oms.order(id);
            }

            @Override
            public Optional<Order> order(ClientOrderId id) {
                return oms.order(id);
            }

            @Override
            public List<Order> orders() {
                return oms.orders();
            }

            @Override
            public List<Fill> fills(OrderId id) {
                return oms.fills(id);
            }

            @Override
            public List<OrderEvent> events(OrderId id) {
                return oms.events(id);
            }
        };
        gateway = new FixGateway(policies, () -> service, () -> users, () -> null, false);
        oms.subscribe(new OrderEventSubscriber() {
            @Override
            public void onEvent(OrderEvent event) {
                gateway.onEvent(event);
            }
        }, "fix-gateway", 10_000);
        acceptor = Acceptors.start(gateway, settings, new FileStoreFactory(settings));
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static SessionSettings acceptorSettings(int port) {
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "acceptor");
        settings.setString("SocketAcceptAddress", "127.0.0.1");
        settings.setString("SocketAcceptPort", Integer.toString(port));
        settings.setString("SenderCompID", "NAUTILUS");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("HeartBtInt", "30");
        settings.setString("UseDataDictionary", "Y");
        return settings;
    }

    private static void session(SessionSettings settings, Map<SessionID, SessionPolicy> policies, String version,
            String client, String... keys) throws Exception {
        SessionID id = new SessionID(version, "NAUTILUS", client);
        settings.setString(id, "BeginString", version);
        settings.setString(id, "TargetCompID", client);
        if (!FixVersions.BEGINSTRING_FIXT11.equals(version)) {
            // FIXT sessions take FIXT11.xml (session layer) and FIX50SP2.xml (DefaultApplVerID) by default.
            settings.setString(id, "DataDictionary", version.replace(".", "") + ".xml");
        }
        for (String key : keys) {
            settings.setString(id, key.substring(0, key.indexOf('=')), key.substring(key.indexOf('=') + 1));
        }
        policies.put(id, SessionPolicy.read(settings, id));
    }

    @AfterEach
    void stop() {
        clients.values().forEach(c -> c.initiator.stop(true));
        gridAcceptors.forEach(a -> a.stop(true));
        if (!grids.isEmpty()) {
            grids.get(grids.size() - 1).ignite().cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE);
        }
        grids.forEach(EmbeddedGrid::close);
        acceptor.stop(true);
        gateway.close();
        oms.close();
        exchange.close();
    }

    @Test
    void aMarketOrderGoesInAndComesBackAsPendingNewNewAndTradeWithTheFillsNumbers() throws Exception {
        Client c1 = logOn("FIX.4.4", "C1", "trader", "secret-t");
        Client copy = logOn("FIX.4.4", "COPY", "viewer", "secret-v");
        c1.send(order("FIX.4.4", "m1", "5", null));
        assertThat(c1.next("Pending New", report("m1", 'A')).getChar(OrdStatus.FIELD)).isEqualTo('A');
        c1.next("New", report("m1", '0'));
        Message filled = c1.next("the fill", report("m1", 'F').and(m -> status(m) == '2'));
        assertThat(filled.getDecimal(14)).isEqualByComparingTo("5");
        assertThat(filled.getDecimal(151)).isEqualByComparingTo("0");
        assertThat(filled.getDecimal(6)).isEqualByComparingTo("100.01");
        Message copied = copy.next("the drop copy", report("fix:C1:m1", 'F'));
        assertThat(copied.getString(37)).isEqualTo(filled.getString(37));
    }

    @Test
    void aRestingOrderIsReplacedQueriedCanceledAndACancelTooLateIsRefused() throws Exception {
        Client c1 = logOn("FIX.4.4", "C1", "trader", "secret-t");
        c1.send(order("FIX.4.4", "l1", "2", new BigDecimal("95")));
        c1.next("New", report("l1", '0'));
        Message replace = request(MsgType.ORDER_CANCEL_REPLACE_REQUEST, "l2", "l1");
        replace.setChar(OrdType.FIELD, '2');
        replace.setString(OrderQty.FIELD, "7");
        replace.setString(quickfix.field.Price.FIELD, "96");
        c1.send(replace);
        assertThat(c1.next("Pending Replace", report("l2", 'E')).getString(OrigClOrdID.FIELD)).isEqualTo("l1");
        Message replaced = c1.next("Replaced", report("l2", '5'));
        assertThat(replaced.getDecimal(38)).isEqualByComparingTo("7");
        assertThat(replaced.getDecimal(44)).isEqualByComparingTo("96");
        c1.send(request(MsgType.ORDER_STATUS_REQUEST, "l2", null));
        assertThat(status(c1.next("Order Status", report("l2", 'I')))).isEqualTo('0');
        c1.send(request(MsgType.ORDER_CANCEL_REQUEST, "l3", "l2"));
        c1.next("Pending Cancel", report("l3", '6'));
        assertThat(c1.next("Canceled", report("l3", '4')).getString(OrigClOrdID.FIELD)).isEqualTo("l2");
        c1.send(request(MsgType.ORDER_CANCEL_REQUEST, "l4", "l2"));
        Message late = c1.next("OrderCancelReject", type(MsgType.ORDER_CANCEL_REJECT));
        assertThat(late.getInt(102)).isZero();
        assertThat(late.getString(58)).startsWith("ORDER_TERMINAL");
    }

    @Test
    void duplicatesPossDupsMalformedMessagesAndDenialsChangeNothingAndSayWhy() throws Exception {
        Client c1 = logOn("FIX.4.4", "C1", "trader", "secret-t");
        c1.send(order("FIX.4.4", "d1", "1", new BigDecimal("95")));
        String orderId = c1.next("New", report("d1", '0')).getString(37);
        c1.send(order("FIX.4.4", "d1", "1", new BigDecimal("95")));
        Message duplicate = c1.next("status of the duplicate", report("d1", 'I'));
        assertThat(duplicate.getString(58)).startsWith("DUPLICATE_CLORDID");
        assertThat(duplicate.getString(37)).isEqualTo(orderId);
        Message resend = order("FIX.4.4", "d1", "1", new BigDecimal("95"));
        resend.getHeader().setBoolean(PossDupFlag.FIELD, true);
        resend.getHeader().setUtcTimeStamp(OrigSendingTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
        c1.send(resend);
        assertThat(c1.next("status of the PossDup", report("d1", 'I')).getString(37)).isEqualTo(orderId);

        Message noQuantity = order("FIX.4.4", "bad1", "1", null);
        noQuantity.removeField(38);
        c1.send(noQuantity);
        assertThat(c1.next("Reject", type(MsgType.REJECT)).getInt(371)).isEqualTo(38);
        Message pricedMarket = order("FIX.4.4", "bad2", "1", null);
        pricedMarket.setString(44, "10");
        c1.send(pricedMarket);
        Message reject = c1.next("Reject", type(MsgType.REJECT));
        assertThat(reject.getInt(371)).isEqualTo(44);
        assertThat(reject.getString(58)).contains("MARKET order must not have a limit price");

        c1.send(order("FIX.4.4", "big", "5000", null));
        Message denied = c1.next("Rejected", report("big", '8'));
        assertThat(denied.getString(58)).startsWith("MAX_ORDER_QUANTITY: ");
        assertThat(oms.orders()).noneMatch(o -> o.clientOrderId().value().contains("bad"));
        assertThat(oms.orders().stream().filter(o -> o.clientOrderId().value().equals("fix:C1:d1"))).hasSize(1);
    }

    @Test
    void throttleDropCopyReadOnlyMassCancelAndFix42() throws Exception {
        Client slow = logOn("FIX.4.4", "SLOW", "trader", "secret-t");
        for (int i = 0; i < 10; i++) {
            slow.send(request(MsgType.ORDER_STATUS_REQUEST, "none" + i, null));
        }
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            if (slow.next("an answer", type(MsgType.BUSINESS_MESSAGE_REJECT)).getString(58).startsWith("THROTTLED")) {
                throttled++;
            }
        }
        assertThat(throttled).isGreaterThanOrEqualTo(5);

        Client copy = logOn("FIX.4.4", "COPY", "viewer", "secret-v");
        copy.send(order("FIX.4.4", "c1", "1", null));
        assertThat(copy.next("BusinessMessageReject", type(MsgType.BUSINESS_MESSAGE_REJECT)).getString(58))
                .startsWith("DROP_COPY_READ_ONLY");

        Client c1 = logOn("FIX.4.4", "C1", "trader", "secret-t");
        c1.send(order("FIX.4.4", "r1", "1", new BigDecimal("95")));
        c1.send(order("FIX.4.4", "r2", "2", new BigDecimal("94")));
        c1.next("New", report("r1", '0'));
        c1.next("New", report("r2", '0'));
        Message mass = new Message();
        mass.getHeader().setString(MsgType.FIELD, MsgType.ORDER_MASS_CANCEL_REQUEST);
        mass.setString(ClOrdID.FIELD, "mass1");
        mass.setChar(MassCancelRequestType.FIELD, '7');
        mass.setUtcTimeStamp(TransactTime.FIELD, LocalDateTime.now(ZoneOffset.UTC));
        c1.send(mass);
        assertThat(c1.next("OrderMassCancelReport", type(MsgType.ORDER_MASS_CANCEL_REPORT)).getInt(533)).isEqualTo(2);

        Client c42 = logOn("FIX.4.2", "C42", "trader", "secret-t");
        c42.send(order("FIX.4.2", "f1", "3", null));
        Message filled = c42.next("the fill", report("f1", '2'));
        assertThat(filled.getChar(20)).isEqualTo('0');
        assertThat(filled.getDecimal(14)).isEqualByComparingTo("3");
    }

    @Test
    void aFixt11SessionWithFix50Sp2MessagesTradesCancelsAndIsRefusedLikeFix44() throws Exception {
        Client c50 = logOn("FIXT.1.1", "C50", "trader", "secret-t");
        c50.send(order("FIXT.1.1", "t1", "4", null));
        c50.next("Pending New", report("t1", 'A'));
        c50.next("New", report("t1", '0'));
        Message filled = c50.next("the fill", report("t1", 'F').and(m -> status(m) == '2'));
        assertThat(filled.getHeader().getString(8)).isEqualTo("FIXT.1.1");
        assertThat(filled.isSetField(20)).as("ExecTransType, gone since 4.3").isFalse();
        assertThat(filled.getDecimal(14)).isEqualByComparingTo("4");
        assertThat(filled.getDecimal(151)).isEqualByComparingTo("0");
        assertThat(filled.getDecimal(6)).isEqualByComparingTo("100.01");

        c50.send(order("FIXT.1.1", "t2", "2", new BigDecimal("95")));
        c50.next("New", report("t2", '0'));
        c50.send(request(MsgType.ORDER_CANCEL_REQUEST, "t3", "t2"));
        assertThat(c50.next("Canceled", report("t3", '4')).getString(OrigClOrdID.FIELD)).isEqualTo("t2");
        c50.send(request(MsgType.ORDER_CANCEL_REQUEST, "t4", "t2"));
        assertThat(c50.next("OrderCancelReject", type(MsgType.ORDER_CANCEL_REJECT)).getString(58))
                .startsWith("ORDER_TERMINAL");

        Message noQuantity = order("FIXT.1.1", "bad50", "1", null);
        noQuantity.removeField(38);
        c50.send(noQuantity);
        assertThat(c50.next("Reject", type(MsgType.REJECT)).getInt(371)).isEqualTo(38);
        assertThat(oms.orders()).noneMatch(o -> o.clientOrderId().value().equals("fix:C50:bad50"));
        assertThat(oms.order(ClientOrderId.of("fix:C50:t1")).orElseThrow().portfolioId().value()).isEqualTo("p5");
    }

    @Test
    void aWrongPasswordIsRefusedAndAnAbsentClientsOrdersAreCanceledAndResentOnItsReturn() throws Exception {
        Client intruder = client("FIX.4.4", "SLOW", "trader", "wrong", null);
        intruder.initiator.start();
        // A refusal is the absence of a logon: nothing to wait for, so give the logon time to (wrongly) happen.
        Thread.sleep(1500);
        assertThat(intruder.loggedOn).isFalse();

        Path store = data.resolve("client");
        Client c1 = client("FIX.4.4", "C1", "trader", "secret-t", store);
        c1.initiator.start();
        c1.awaitLoggedOn(true);
        c1.send(order("FIX.4.4", "away1", "1", new BigDecimal("95")));
        c1.next("New", report("away1", '0'));
        c1.initiator.stop();
        c1.awaitLoggedOn(false);
        // About time passing: the gateway cancels an absent client's orders after its grace period (2 s here).
        Thread.sleep(2500);
        assertThat(oms.order(ClientOrderId.of("fix:C1:away1")).orElseThrow().status())
                .isEqualTo(OrderStatus.CANCELED);
        c1.initiator.start();
        c1.awaitLoggedOn(true);
        Message resent = c1.next("the Canceled sent while away", report("away1", '4'));
        assertThat(resent.getHeader().getBoolean(PossDupFlag.FIELD)).isTrue();
    }

    /**
     * session.store = grid on two cluster nodes (in-JVM Ignite nodes, one backup): a gateway over node 1's store
     * serves G1; node 1 dies (its acceptor and its Ignite node stop at once, no Logout); the client fails over to
     * its second address, a new gateway over node 2's store, and logs on with both sides' sequence numbers
     * continued (no reset); an order goes in there; a ResendRequest from 1 then replays the 4 retained messages:
     * reports sent by both nodes (PossDup), the older ones and the Logon gap-filled.
     */
    @Test
    void withTheGridStoreAClientResumesItsSessionOnAnotherNodeAfterItsNodeDies() throws Exception {
        for (int n = 1; n <= 2; n++) {
            grids.add(EmbeddedGrid.start(gridNode(n), getClass().getClassLoader()));
        }
        int portA = freePort();
        int portB = freePort();
        ThreadedSocketAcceptor a = gridGateway(new GridFixSessionStore(grids.get(0), 4), portA);
        Client g1 = client("FIX.4.4", "G1", "trader", "secret-t", data.resolve("g1-client"), portA, portB);
        g1.initiator.start();
        g1.awaitLoggedOn(true);
        for (String id : List.of("o1", "o2", "o3")) {
            g1.send(order("FIX.4.4", id, "1", new BigDecimal("95")));
            g1.next("New", report(id, '0'));
        }
        assertThat(g1.arrived(seq(7))).as("seq 7 = o3's New from node 1").hasSize(1);

        grids.get(0).ignite().cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE);
        a.stop(true);
        gridAcceptors.remove(a);
        grids.remove(0).close();
        g1.awaitLoggedOn(false);
        SessionID atGateway = new SessionID("FIX.4.4", "NAUTILUS", "G1");
        gridGateway(new GridFixSessionStore(grids.get(0), 4), portB);
        g1.awaitLoggedOn(true);

        List<String> logons = g1.arrived(type("A", "8"));
        assertThat(logons).as("node 2's Logon continues node 1's numbers").hasSize(1);
        assertThat(logons.get(0)).doesNotContain("\u0001141=Y");
        assertThat(Session.lookupSession(atGateway).getExpectedTargetNum())
                .as("node 2 expects what the client sends next").isEqualTo(6)
                .isEqualTo(Session.lookupSession(g1.id).getStore().getNextSenderMsgSeqNum());
        g1.send(order("FIX.4.4", "o4", "1", new BigDecimal("95")));
        g1.next("New through node 2", report("o4", '0'));
        assertThat(g1.arrived(seq(10)).get(0)).contains("\u000111=o4\u0001");

        Message resend = new Message();
        resend.getHeader().setString(MsgType.FIELD, MsgType.RESEND_REQUEST);
        resend.setInt(7, 1);
        resend.setInt(16, 0);
        g1.send(resend);
        Await.until("the resend's last gap fill", WAIT, () -> !g1.arrived(type("4", "8")).isEmpty());
        List<String> gapFills = g1.arrived(type("4", null));
        assertThat(gapFills).hasSize(2);
        assertThat(gapFills.get(0)).contains("\u000134=1\u0001", "\u0001123=Y\u0001", "\u000136=7\u0001");
        assertThat(gapFills.get(1)).contains("\u000134=8\u0001", "\u000136=9\u0001");
        List<String> resent = g1.arrived(m -> m.contains("\u000135=8\u0001") && m.contains("\u000143=Y\u0001"));
        assertThat(resent).hasSize(3);
        assertThat(resent.get(0)).contains("\u000134=7\u0001", "\u000111=o3\u0001", "\u0001150=0\u0001");
        assertThat(resent.get(1)).contains("\u000134=9\u0001", "\u000111=o4\u0001", "\u0001150=A\u0001");
        assertThat(resent.get(2)).contains("\u000134=10\u0001", "\u000111=o4\u0001", "\u0001150=0\u0001");
    }

    /** Ports of this test only (grid tests use others). */
    private GridSettings gridNode(int n) {
        return new GridSettings("fixgw" + n, "fixgw" + n, data.resolve("grid" + n).toAbsolutePath(), false,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:49460..49461"), 49460 + n - 1, 0, 49470 + n - 1, "nautilus", "nautilus-grid", 1,
                true, false, 10_000, 0, 60_000, true, null);
    }

    /** A gateway as on a cluster node: session G1 over the grid's store, subscribed to the OMS. */
    private ThreadedSocketAcceptor gridGateway(FixSessionStore store, int acceptPort) throws Exception {
        SessionSettings settings = acceptorSettings(acceptPort);
        Map<SessionID, SessionPolicy> policies = new LinkedHashMap<>();
        session(settings, policies, "FIX.4.4", "G1", "User=trader", "Portfolio=pg");
        FixGateway node = new FixGateway(policies, () -> service, () -> users, () -> null, true);
        oms.subscribe(new OrderEventSubscriber() {
            @Override
            public void onEvent(OrderEvent event) {
                node.onEvent(event);
            }
        }, "fix-gateway-" + acceptPort, 10_000);
        ThreadedSocketAcceptor started = Acceptors.start(node, settings, SessionStores.grid(settings, store));
        gridAcceptors.add(started);
        return started;
    }

    private static Predicate<String> seq(int seq) {
        return m -> m.contains("\u000134=" + seq + "\u0001");
    }

    /** Messages of {@code msgType}, and with sequence number {@code seq} unless {@code null}. */
    private static Predicate<String> type(String msgType, String seq) {
        return m -> m.contains("\u000135=" + msgType + "\u0001") && (seq == null || m.contains("\u000134=" + seq
                + "\u0001"));
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Client logOn(String version, String compId, String user, String password) throws Exception {
        Client client = client(version, compId, user, password, null);
        client.initiator.start();
        client.awaitLoggedOn(true);
        return client;
    }

    /** A client of the gateway at {@code ports} in turn (QuickFIX/J's failover list), by default the file gateway. */
    private Client client(String version, String compId, String user, String password, Path store, int... ports)
            throws Exception {
        SessionID id = new SessionID(version, compId, "NAUTILUS");
        SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("HeartBtInt", "30");
        settings.setString("ReconnectInterval", "1");
        settings.setString("UseDataDictionary", "N");
        int[] addresses = ports.length == 0 ? new int[] {port} : ports;
        for (int i = 0; i < addresses.length; i++) {
            String suffix = i == 0 ? "" : Integer.toString(i);
            settings.setString("SocketConnectHost" + suffix, "127.0.0.1");
            settings.setString("SocketConnectPort" + suffix, Integer.toString(addresses[i]));
        }
        settings.setString(id, "BeginString", version);
        settings.setString(id, "SenderCompID", compId);
        settings.setString(id, "TargetCompID", "NAUTILUS");
        if (FixVersions.BEGINSTRING_FIXT11.equals(version)) {
            settings.setString(id, "DefaultApplVerID", "FIX.5.0SP2");
        }
        Client client = new Client(id, user, password);
        if (store != null) {
            settings.setString("FileStorePath", store.toString());
        }
        client.initiator = new SocketInitiator(client, store == null ? new MemoryStoreFactory()
                : new FileStoreFactory(settings), settings, client, new quickfix.DefaultMessageFactory());
        clients.put(compId + clients.size(), client);
        return client;
    }

    private static Message order(String version, String clOrdId, String quantity, BigDecimal limit) {
        Message order = new Message();
        order.getHeader().setString(MsgType.FIELD, MsgType.ORDER_SINGLE);
        order.setString(ClOrdID.FIELD, clOrdId);
        if ("FIX.4.2".equals(version)) {
            order.setChar(21, '1');
        }
        order.setString(55, "MSFT");
        order.setChar(54, '1');
        order.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
        order.setString(38, quantity);
        order.setChar(40, limit == null ? '1' : '2');
        if (limit != null) {
            order.setString(44, limit.toPlainString());
        }
        return order;
    }

    private static Message request(String msgType, String clOrdId, String origClOrdId) {
        Message request = new Message();
        request.getHeader().setString(MsgType.FIELD, msgType);
        request.setString(ClOrdID.FIELD, clOrdId);
        if (origClOrdId != null) {
            request.setString(OrigClOrdID.FIELD, origClOrdId);
        }
        request.setString(55, "MSFT");
        request.setChar(54, '1');
        if (!MsgType.ORDER_STATUS_REQUEST.equals(msgType)) {
            request.setUtcTimeStamp(60, LocalDateTime.now(ZoneOffset.UTC));
            request.setString(38, "1");
        }
        return request;
    }

    private static char status(Message m) {
        try {
            return m.getChar(OrdStatus.FIELD);
        } catch (quickfix.FieldNotFound e) {
            return '?';
        }
    }

    private static Predicate<Message> type(String msgType) {
        return m -> msgType.equals(m.getHeader().getOptionalString(MsgType.FIELD).orElse(""));
    }

    private static Predicate<Message> report(String clOrdId, char execType) {
        return type(MsgType.EXECUTION_REPORT).and(m -> clOrdId.equals(m.getOptionalString(ClOrdID.FIELD).orElse(""))
                && String.valueOf(execType).equals(m.getOptionalString(ExecType.FIELD).orElse("")));
    }

    /**
     * One FIX client session: what it receives (application messages and session Rejects) in a queue, and every
     * message that arrives, as it came over the wire (resent ones included, which QuickFIX/J does not pass on).
     */
    private static final class Client implements Application, LogFactory {
        final SessionID id;
        final String user;
        final String password;
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final List<String> wire = new CopyOnWriteArrayList<>();
        SocketInitiator initiator;
        volatile boolean loggedOn;

        Client(SessionID id, String user, String password) {
            this.id = id;
            this.user = user;
            this.password = password;
        }

        void send(Message message) {
            Session.lookupSession(id).send(message);
        }

        void awaitLoggedOn(boolean state) throws InterruptedException {
            Await.until(id + " logged on: " + state, WAIT, () -> loggedOn == state);
            assertThat(loggedOn).as(id + " logged on").isEqualTo(state);
        }

        /** The next message matching; the ones before it are skipped. */
        Message next(String what, Predicate<Message> match) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<String> skipped = new ArrayList<>();
            while (true) {
                Message message = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (message == null) {
                    throw new AssertionError(id + ": no " + what + " within " + WAIT + "; skipped " + skipped);
                }
                if (match.test(message)) {
                    return message;
                }
                skipped.add(message.toString().replace('\u0001', '|'));
            }
        }

        @Override
        public Log create(SessionID session) {
            return new Log() {
                @Override
                public void clear() {
                }

                @Override
                public void onIncoming(String message) {
                    wire.add(message);
                }

                @Override
                public void onOutgoing(String message) {
                }

                @Override
                public void onEvent(String text) {
                }

                @Override
                public void onErrorEvent(String text) {
                }
            };
        }

        /** Every message that arrived matching {@code match}, in arrival order. */
        List<String> arrived(Predicate<String> match) {
            return wire.stream().filter(match).toList();
        }

        @Override
        public void onCreate(SessionID session) {
        }

        @Override
        public void onLogon(SessionID session) {
            loggedOn = true;
        }

        @Override
        public void onLogout(SessionID session) {
            loggedOn = false;
        }

        @Override
        public void toAdmin(Message message, SessionID session) {
            if (MsgType.LOGON.equals(message.getHeader().getOptionalString(MsgType.FIELD).orElse(""))) {
                message.setString(553, user);
                message.setString(554, password);
            }
        }

        @Override
        public void fromAdmin(Message message, SessionID session) {
            if (MsgType.REJECT.equals(message.getHeader().getOptionalString(MsgType.FIELD).orElse(""))) {
                received.add(message);
            }
        }

        @Override
        public void toApp(Message message, SessionID session) {
        }

        @Override
        public void fromApp(Message message, SessionID session) {
            received.add(message);
        }
    }
}
