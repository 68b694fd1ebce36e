package org.nautilus.routes.internal.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;
import org.nautilus.testsupport.Await;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.SLF4JLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MDUpdateAction;
import quickfix.field.MsgType;
import quickfix.field.NoRelatedSym;
import quickfix.field.Symbol;

/**
 * FIX market data end to end: a QuickFIX/J acceptor plays the venue; a route file connects to it with
 * camel-quickfix, subscribes on logon and the venue's snapshots and refreshes reach the gateway.
 */
class FixMarketDataRouteTest {

    private static final InstrumentId AAPL = InstrumentId.of("AAPL");
    private static final InstrumentId MSFT = InstrumentId.of("MSFT");

    @TempDir
    Path dir;

    private MarketDataGateway gateway;
    private CamelRuntime runtime;
    private SocketAcceptor acceptor;
    private final Venue venue = new Venue();
    private int port;

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SessionSettings settings = new SessionSettings(new ByteArrayInputStream("""
                [default]
                ConnectionType=acceptor
                SocketAcceptAddress=127.0.0.1
                SocketAcceptPort=%d
                StartTime=00:00:00
                EndTime=00:00:00
                HeartBtInt=30
                UseDataDictionary=Y
                DataDictionary=FIX44.xml
                [session]
                BeginString=FIX.4.4
                SenderCompID=VENUE
                TargetCompID=NAUTILUS
                """.formatted(port).getBytes(StandardCharsets.UTF_8)));
        acceptor = new SocketAcceptor(venue, new MemoryStoreFactory(), settings, new SLF4JLogFactory(settings),
                new DefaultMessageFactory());
        acceptor.start();

        gateway = new MarketDataGateway(Clock.systemUTC(), Duration.ofSeconds(1), 100, 1024);
        gateway.define(Instrument.equity("AAPL", "USD"));
        gateway.define(Instrument.equity("MSFT", "USD"));
        runtime = new CamelRuntime(getClass().getClassLoader(), new Gateways(() -> gateway), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        runtime.close();
        acceptor.stop(true);
        gateway.close();
    }

    @Test
    void snapshotsAndRefreshesFromTheVenueReachTheGateway() throws Exception {
        Path fix = Files.createDirectories(dir.resolve("fix"));
        Files.writeString(fix.resolve("initiator.cfg"), """
                [default]
                ConnectionType=initiator
                StartTime=00:00:00
                EndTime=00:00:00
                HeartBtInt=30
                ReconnectInterval=1
                UseDataDictionary=Y
                DataDictionary=FIX44.xml
                [session]
                BeginString=FIX.4.4
                SenderCompID=NAUTILUS
                TargetCompID=VENUE
                SocketConnectHost=127.0.0.1
                SocketConnectPort=%d
                """.formatted(port));
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.writeString(routes.resolve("fix-marketdata.yaml"), """
                - route:
                    id: fix-marketdata
                    from:
                      uri: "quickfix:file:%s"
                      steps:
                        - to: "nautilus:fix-marketdata?symbols=AAPL,MSFT"
                """.formatted(fix.resolve("initiator.cfg")));

        runtime.watch(routes, Duration.ofSeconds(10));
        assertThat(runtime.files()).singleElement().satisfies(f -> assertThat(f.error()).isNull());

        await(() -> venue.requestedSymbols.containsAll(List.of("AAPL", "MSFT")));
        await(() -> gateway.lastTrade(AAPL).isPresent()
                && gateway.lastQuote(AAPL).map(Quote::bid).equals(Optional.of(Price.of("190.00"))));
        Quote aapl = gateway.lastQuote(AAPL).orElseThrow();
        assertThat(aapl.ask()).isEqualTo(Price.of("190.01"));
        assertThat(aapl.bidSize()).isEqualTo(Quantity.of("300"));
        assertThat(gateway.mark(AAPL)).contains(Price.of("190.01"));
        await(() -> gateway.lastQuote(MSFT).isPresent());
        assertThat(gateway.lastQuote(MSFT).orElseThrow().mid()).isEqualTo(Price.of("420.05"));
        assertThat(runtime.routes().get(0).failures()).isZero();
    }

    @Test
    void theShippedFixRouteLoadsStoppedAndStreamsOnceStarted() throws Exception {
        Path dist = Path.of("../../karaf-distribution/src/main/resources/etc");
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.createDirectories(etc.resolve("fix"));
        Files.createDirectories(etc.resolve("routes"));
        Files.writeString(etc.resolve("fix/marketdata-initiator.cfg"),
                Files.readString(dist.resolve("fix/marketdata-initiator.cfg"))
                        .replace("SocketConnectPort=9880", "SocketConnectPort=" + port));
        Files.copy(dist.resolve("routes/fix-marketdata.yaml"), etc.resolve("routes/fix-marketdata.yaml"));
        String previous = System.getProperty("karaf.etc");
        System.setProperty("karaf.etc", etc.toString());
        try {
            runtime.watch(etc.resolve("routes"), Duration.ofSeconds(10));
        } finally {
            if (previous == null) {
                System.clearProperty("karaf.etc");
            } else {
                System.setProperty("karaf.etc", previous);
            }
        }
        assertThat(runtime.routes()).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo("Stopped"));
        // A stopped route must not log on: nothing to wait for, so give a wrong logon the time to happen.
        Thread.sleep(1000);
        assertThat(venue.logons).as("no FIX session while the route is stopped").hasValue(0);

        runtime.start("fix-marketdata");

        await(() -> gateway.lastTrade(AAPL).isPresent());
        assertThat(gateway.mark(AAPL)).contains(Price.of("190.01"));
        assertThat(venue.logons).hasValue(1);

        runtime.stop("fix-marketdata");
        await(() -> venue.logouts.get() == 1);
    }

    private static void await(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(20), condition);
    }

    /** The venue: answers a MarketDataRequest with a snapshot per symbol, then one refresh with a trade. */
    static final class Venue implements Application {
        final List<String> requestedSymbols = new CopyOnWriteArrayList<>();
        final AtomicInteger logons = new AtomicInteger();
        final AtomicInteger logouts = new AtomicInteger();

        @Override
        public void fromApp(Message message, SessionID session) throws FieldNotFound {
            if (!message.getHeader().getString(MsgType.FIELD).equals(MsgType.MARKET_DATA_REQUEST)) {
                return;
            }
            String requestId = message.getString(MDReqID.FIELD);
            for (Group related : message.getGroups(NoRelatedSym.FIELD)) {
                requestedSymbols.add(related.getString(Symbol.FIELD));
            }
            try {
                Session.sendToTarget(FixMessages.snapshot(requestId, "AAPL",
                        MDEntryType.BID, "189.99", "100", MDEntryType.OFFER, "190.01", "200"), session);
                Session.sendToTarget(FixMessages.snapshot(requestId, "MSFT",
                        MDEntryType.BID, "420.00", "10", MDEntryType.OFFER, "420.10", "10"), session);
                Session.sendToTarget(FixMessages.incremental(
                        MDUpdateAction.CHANGE, MDEntryType.BID, "AAPL", "190.00", "300",
                        MDUpdateAction.NEW, MDEntryType.TRADE, "AAPL", "190.01", "7"), session);
            } catch (quickfix.SessionNotFound e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void onCreate(SessionID sessionId) {
        }

        @Override
        public void onLogon(SessionID sessionId) {
            logons.incrementAndGet();
        }

        @Override
        public void onLogout(SessionID sessionId) {
            logouts.incrementAndGet();
        }

        @Override
        public void toAdmin(Message message, SessionID sessionId) {
        }

        @Override
        public void fromAdmin(Message message, SessionID sessionId) {
        }

        @Override
        public void toApp(Message message, SessionID sessionId) {
        }
    }
}
