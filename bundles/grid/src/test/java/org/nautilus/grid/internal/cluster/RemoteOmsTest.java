package org.nautilus.grid.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.venue.PositionDifference;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenueService;

/** A follower's OMS calls go to the leader's OMS and come back as if local; failures come back retryable. */
class RemoteOmsTest {

    /** An OMS that keeps orders by client id: a repeated submit returns the first order. */
    static final class TinyOms implements OrderService {
        final Map<ClientOrderId, Order> byClient = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong();

        @Override
        public Order submit(OrderRequest request) {
            if (request.quantity().compareTo(Quantity.ofWhole(1000)) > 0) {
                throw new IllegalArgumentException("quantity " + request.quantity() + " too large");
            }
            return byClient.computeIfAbsent(request.clientOrderId(), c -> new Order(OrderId.of(ids.incrementAndGet()),
                    request, OrderStatus.ACCEPTED, Quantity.ZERO, null, null, null, Instant.EPOCH, Instant.EPOCH));
        }

        @Override
        public List<Order> submit(OrderList list) {
            return list.orders().stream().map(this::submit).toList();
        }

        @Override
        public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
            return CommandResult.refused("AMEND_UNSUPPORTED", "no amends here", null);
        }

        @Override
        public CommandResult cancel(OrderId orderId) {
            return CommandResult.refused("UNKNOWN_ORDER", "no order " + orderId, null);
        }

        @Override
        public Optional<Order> order(OrderId orderId) {
            return byClient.values().stream().filter(o -> o.id().equals(orderId)).findFirst();
        }

        @Override
        public Optional<Order> order(ClientOrderId clientOrderId) {
            return Optional.ofNullable(byClient.get(clientOrderId));
        }

        @Override
        public List<Order> orders() {
            return List.copyOf(byClient.values());
        }

        @Override
        public List<Fill> fills(OrderId orderId) {
            return List.of();
        }

        @Override
        public List<OrderEvent> events(OrderId orderId) {
            return List.of();
        }
    }

    private final TinyOms leader = new TinyOms();
    private final AtomicReference<OrderService> running = new AtomicReference<>(leader);
    private final OmsDispatcher dispatcher = new OmsDispatcher(
            new LocalOms(running::get, () -> null, Optional::empty, 100));
    private final RemoteOms follower = new RemoteOms(() -> dispatcher);

    private static OrderRequest buy(String clientId, long quantity) {
        return OrderRequest.market(ClientOrderId.of(clientId), PortfolioId.of("p"), InstrumentId.of("AAPL"), Side.BUY,
                Quantity.ofWhole(quantity));
    }

    @Test
    void calls_reach_the_leaders_OMS_and_a_retried_submit_creates_nothing() {
        Order first = follower.submit(buy("c1", 10));
        Order again = follower.submit(buy("c1", 10));

        assertThat(again).isEqualTo(first);
        assertThat(leader.byClient).hasSize(1);
        assertThat(follower.order(ClientOrderId.of("c1"))).contains(first);
        assertThat(follower.order(OrderId.of(99))).isEmpty();
        assertThat(follower.orders()).containsExactly(first);
        assertThat(follower.cancel(first.id()).code()).isEqualTo("UNKNOWN_ORDER");
    }

    @Test
    void reconciliation_reports_acknowledgements_and_reconcile_requests_reach_the_leaders_OMS() {
        VenueId ibkr = VenueId.of("IBKR");
        ReconciliationReport report = new ReconciliationReport(ibkr,
                Instant.parse("2024-12-01T14:30:00Z"), ReconciliationReport.Outcome.BLOCKED, 2,
                List.of(OrderId.of(7)), List.of(new VenueOrder(null, "123", InstrumentId.of("AAPL"),
                        Side.SELL, Quantity.ofWhole(5), Quantity.ZERO, null)),
                List.of(new PositionDifference(InstrumentId.of("AAPL"), Quantity.ofWhole(6),
                        Quantity.ofWhole(10))),
                List.of("a note"), null, null);
        List<String> calls = new CopyOnWriteArrayList<>();
        VenueService venues = new VenueService() {
            @Override
            public List<VenueInfo> venues() {
                return List.of(new VenueInfo(ibkr, "ib", 1,
                        VenueAvailability.BLOCKED, "position mismatch"));
            }

            @Override
            public List<RoutingDecision> decisions(int limit) {
                return List.of();
            }

            @Override
            public Optional<RoutingDecision> decision(OrderId orderId) {
                return Optional.empty();
            }

            @Override
            public List<ReconciliationReport> reconciliations() {
                return List.of(report);
            }

            @Override
            public CommandResult acknowledge(VenueId venue, String by) {
                calls.add("ack " + venue + " by " + by);
                return CommandResult.accepted(null, "acknowledged");
            }

            @Override
            public CommandResult reconcile(VenueId venue) {
                calls.add("reconcile " + venue);
                return CommandResult.accepted(null, "started");
            }
        };
        RemoteOms remote = new RemoteOms(
                () -> new OmsDispatcher(new LocalOms(running::get, () -> venues, Optional::empty, 100)));

        assertThat(remote.venues()).isEqualTo(venues.venues());
        assertThat(remote.reconciliations()).containsExactly(report);
        assertThat(remote.acknowledge(ibkr, "alice").accepted()).isTrue();
        assertThat(remote.reconcile(ibkr).message()).isEqualTo("started");
        assertThat(calls).containsExactly("ack IBKR by alice", "reconcile IBKR");
    }

    @Test
    void invalid_arguments_come_back_as_such_and_an_absent_or_unreachable_OMS_as_retryable() {
        assertThatThrownBy(() -> follower.submit(buy("big", 5000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");

        running.set(null);
        assertThatThrownBy(() -> follower.submit(buy("c2", 1))).isInstanceOf(OrderServiceUnavailableException.class)
                .hasMessageContaining("retry");

        RemoteOms cut = new RemoteOms(() -> {
            throw new IllegalStateException("Failed to find deployed service: nautilus-oms-leader");
        });
        assertThatThrownBy(() -> cut.submit(buy("c3", 1))).isInstanceOf(OrderServiceUnavailableException.class)
                .hasMessageContaining("may be moving to another node");
    }
}
