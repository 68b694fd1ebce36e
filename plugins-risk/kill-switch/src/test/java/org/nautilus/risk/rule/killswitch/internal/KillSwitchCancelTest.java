package org.nautilus.risk.rule.killswitch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
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
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateOutcome;

/**
 * A HALT cancels the open orders of its scope through the OMS's public OrderService and says how many. The OMS here
 * is a blotter answering cancels (the real OMS behind the same interface: RiskRulePluginIT).
 */
class KillSwitchCancelTest {

    private final Blotter oms = new Blotter();
    private final KillSwitchComponent killSwitch = new KillSwitchComponent(new HashMap<>());

    KillSwitchCancelTest() {
        killSwitch.setOrders(oms);
    }

    @Test
    void aPortfolioHaltCancelsExactlyThatPortfoliosOpenOrdersAndCountsThem() {
        Order a = oms.add("alpha", OrderStatus.ACCEPTED);
        Order b = oms.add("alpha", OrderStatus.PARTIALLY_FILLED);
        oms.add("alpha", OrderStatus.FILLED);
        oms.add("alpha", OrderStatus.PENDING_CANCEL);
        Order other = oms.add("beta", OrderStatus.ACCEPTED);

        TradingStateOutcome outcome = killSwitch.change(PortfolioId.of("alpha"), TradingState.HALTED, "drill");

        assertThat(oms.canceled).containsExactly(a.id(), b.id());
        assertThat(outcome.canceled()).isEqualTo(2);
        assertThat(outcome.describe()).startsWith("alpha HALTED since ").endsWith("(drill); canceled 2 open orders");
        assertThat(oms.canceled).doesNotContain(other.id());
    }

    @Test
    void aGlobalHaltCancelsEveryPortfoliosOpenOrdersAndCountsTheRefusals() {
        oms.add("alpha", OrderStatus.ACCEPTED);
        oms.add("beta", OrderStatus.SUBMITTED);
        oms.refuse = true;

        TradingStateOutcome outcome = killSwitch.change(null, TradingState.HALTED, "runaway");

        assertThat(outcome.canceled()).isZero();
        assertThat(outcome.refused()).isEqualTo(2);
        assertThat(outcome.describe()).endsWith("canceled 0 open orders, 2 cancels refused");
    }

    @Test
    void reducingCancelsNothingAndNeitherDoesAHaltWithCancelingSwitchedOff() {
        oms.add("alpha", OrderStatus.ACCEPTED);

        assertThat(killSwitch.change(null, TradingState.REDUCING, "").canceled()).isZero();
        killSwitch.modified(new HashMap<>(Map.of(KillSwitchComponent.CANCEL_OPEN_ORDERS, "false", "state", "ACTIVE",
                "revision", "99")));
        TradingStateOutcome halted = killSwitch.change(null, TradingState.HALTED, "");

        assertThat(halted.canceled()).isZero();
        assertThat(halted.describe()).endsWith("; no open order to cancel");
        assertThat(oms.canceled).isEmpty();
    }

    @Test
    void aHaltWrittenIntoTheFileCancelsTooOnTheKillSwitchsThread() throws Exception {
        Order open = oms.add("alpha", OrderStatus.ACCEPTED);

        killSwitch.modified(new HashMap<>(Map.of("portfolio.alpha.state", "HALTED", "revision", "1")));

        long deadline = System.nanoTime() + 5_000_000_000L;
        while (oms.canceled.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(oms.canceled).containsExactly(open.id());
        killSwitch.deactivate();
    }

    /** The OMS's orders as a list; a cancel is accepted (or refused) and recorded. */
    static final class Blotter implements OrderService {

        final List<Order> orders = new ArrayList<>();
        final List<OrderId> canceled = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        Order add(String portfolio, OrderStatus status) {
            long id = orders.size() + 1;
            OrderRequest request = OrderRequest.limit(ClientOrderId.of("c-" + id), PortfolioId.of(portfolio),
                    InstrumentId.of("AAPL"), Side.BUY, Quantity.ofWhole(10), Price.of("100"));
            Order order = new Order(OrderId.of(id), request, status, Quantity.ZERO, null, null, null, Instant.EPOCH,
                    Instant.EPOCH);
            orders.add(order);
            return order;
        }

        @Override
        public CommandResult cancel(OrderId orderId) {
            Order order = order(orderId).orElseThrow();
            if (refuse) {
                return CommandResult.refused("VENUE_GONE", "venue gone", order);
            }
            canceled.add(orderId);
            return CommandResult.accepted(order, "cancel sent");
        }

        @Override
        public List<Order> orders() {
            return List.copyOf(orders);
        }

        @Override
        public Optional<Order> order(OrderId orderId) {
            return orders.stream().filter(o -> o.id().equals(orderId)).findFirst();
        }

        @Override
        public Order submit(OrderRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Order> submit(OrderList list) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Order> order(ClientOrderId clientOrderId) {
            return Optional.empty();
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
}
