package org.nautilus.risk.rule.killswitch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.cluster.OmsLeadership;
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
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.store.StandaloneStore;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.oms.internal.OmsComponent;
import org.nautilus.oms.internal.OmsConfig;
import org.nautilus.testsupport.Await;
import org.nautilus.testsupport.DsConfigs;
import org.nautilus.testsupport.ScriptedRisk;

/**
 * A node restarted while a portfolio is HALTED cancels the open orders its OMS recovers: the real OMS component over
 * the grid's Ignite store with native persistence in a temporary directory, stopped with open orders and started
 * again, and the kill switch bound to it as DS binds it. A recovered order is canceled only once its venue is
 * reconciled: before, the OMS would end it locally while it still rests at the venue.
 */
class HaltedRestartTest {

    private static final int DISCOVERY_PORT = 48781;
    private static final int COMMUNICATION_PORT = 48881;
    private static final VenueId SIM = VenueId.of("SIM");

    @TempDir
    Path tmp;

    /** The venue outlives the node: its book keeps the orders resting while the node is down. */
    private final RestingVenue venue = new RestingVenue();
    private final MarketDataGateway market = new MarketDataGateway(Clock.systemUTC(), Duration.ofMinutes(1), 10, 64);
    private StandaloneStore node;
    private OmsComponent oms;
    private KillSwitchComponent killSwitch;

    @AfterEach
    void stop() throws Exception {
        if (killSwitch != null) {
            killSwitch.deactivate();
        }
        stopNode();
        market.close();
    }

    @Test
    void a_node_restarted_while_a_portfolio_is_HALTED_cancels_the_open_orders_it_recovers_once_their_venue_is_back()
            throws Exception {
        startNode();
        Order alpha1 = oms.submit(limit("a-1", "alpha"));
        Order alpha2 = oms.submit(limit("a-2", "alpha"));
        Order beta = oms.submit(limit("b-1", "beta"));
        assertThat(List.of(alpha1, alpha2, beta)).extracting(Order::status).containsOnly(OrderStatus.ACCEPTED);
        stopNode(); // the HALT reached the configuration, its cancels never ran: the node went down

        startNode(false);
        killSwitch = new KillSwitchComponent(new HashMap<>(Map.of("state", "ACTIVE", "portfolio.alpha.state", "HALTED",
                "portfolio.alpha.reason", "runaway strategy")));
        killSwitch.setLocalVenues(oms);
        killSwitch.setRecoveredOms(oms); // as DS binds the node-local OMS once it has recovered
        assertThat(killSwitch.status(PortfolioId.of("alpha")).state()).isEqualTo(TradingState.HALTED);
        // Nothing may happen while the venue is not reconciled: wait past the kill switch's first try and one retry.
        Thread.sleep(HaltAtRecovery.RETRY.toMillis() + 500);
        assertThat(venue.cancels).isEmpty();
        assertThat(status(alpha1)).as("not canceled locally while it rests at the venue").isEqualTo(
                OrderStatus.ACCEPTED);

        bindVenue(); // the venue registers: reconciliation, then the HALT's cancels
        Await.until("alpha's recovered orders canceled", Duration.ofSeconds(20),
                () -> status(alpha1) == OrderStatus.CANCELED
                        && status(alpha2) == OrderStatus.CANCELED);
        assertThat(venue.cancels).containsExactlyInAnyOrder(alpha1.id(), alpha2.id());
        assertThat(status(beta)).as("another portfolio is not HALTED").isEqualTo(OrderStatus.ACCEPTED);

        stopNode(); // and the cancels are durable
        startNode();
        assertThat(status(alpha1)).isEqualTo(OrderStatus.CANCELED);
        assertThat(status(beta)).isEqualTo(OrderStatus.ACCEPTED);
    }

    private OrderStatus status(Order order) {
        return oms.order(order.id()).orElseThrow().status();
    }

    private static OrderRequest limit(String clientId, String portfolio) {
        return new OrderRequest(ClientOrderId.of(clientId), PortfolioId.of(portfolio), InstrumentId.of("AAPL"),
                Side.BUY, OrderType.LIMIT, Quantity.ofWhole(10), Price.of("99"), null, TimeInForce.GTC, null, SIM,
                false, false);
    }

    private void startNode() throws Exception {
        startNode(true);
    }

    private void startNode(boolean withVenue) throws Exception {
        node = new StandaloneStore(GridSettings.localNode("halted-restart", tmp.resolve("ignite"), DISCOVERY_PORT,
                COMMUNICATION_PORT), getClass().getClassLoader());
        market.define(Instrument.equity("AAPL", "USD"));
        OmsLeadership leadership = new OmsLeadership() {
            @Override
            public String node() {
                return "halted-restart";
            }

            @Override
            public long epoch() {
                return 1;
            }
        };
        // No position keeper: this test reads orders and trading states only.
        oms = new OmsComponent(ScriptedRisk.approvingAll(), market, node.store(), leadership, new OrderStepListener() {
        }, DsConfigs.config(OmsConfig.class, Map.of()), Map.of());
        if (withVenue) {
            bindVenue();
        }
    }

    /** Binds the venue as DS does (the OMS's bind methods are for DS, not public). */
    private void bindVenue() throws Exception {
        Method add = OmsComponent.class.getDeclaredMethod("addVenue", Venue.class, Map.class);
        add.setAccessible(true);
        add.invoke(oms, venue, Map.of(Venue.ID_PROPERTY, SIM.value()));
        // The venue takes orders once its reconciliation (on the OMS's reconciliation thread) has ended.
        Await.until("the venue reconciled", () -> oms.venues().stream()
                .anyMatch(v -> v.availability() == VenueAvailability.AVAILABLE));
    }

    private void stopNode() throws Exception {
        if (oms != null) {
            Method deactivate = OmsComponent.class.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(oms);
            oms = null;
        }
        if (node != null) {
            node.close();
            node = null;
        }
    }

    /** Rests every order until it is canceled; after a restart, answers a reconciliation by keeping it open. */
    private static final class RestingVenue implements Venue {

        final List<OrderId> cancels = new CopyOnWriteArrayList<>();
        private final Map<OrderId, ExecutionListener> listeners = new ConcurrentHashMap<>();
        private final AtomicLong executions = new AtomicLong();

        @Override
        public VenueId id() {
            return SIM;
        }

        @Override
        public String description() {
            return "a venue whose orders rest";
        }

        @Override
        public void submit(Order order, ExecutionListener listener) {
            listeners.put(order.id(), listener);
            report(order.id(), ExecType.ACCEPTED);
        }

        @Override
        public void cancel(Order order, ExecutionListener listener) {
            cancels.add(order.id());
            report(order.id(), ExecType.CANCELED);
        }

        @Override
        public void reconcile(Order order, ExecutionListener listener) {
            listeners.put(order.id(), listener); // still resting: nothing to report
        }

        private void report(OrderId id, ExecType type) {
            listeners.get(id).onReport(ExecutionReport.of(id, SIM, type, "SIM-" + executions.incrementAndGet(), null,
                    Instant.now()));
        }
    }
}
