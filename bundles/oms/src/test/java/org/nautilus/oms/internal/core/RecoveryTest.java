package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.DENIED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.oms.internal.routing.DirectRouter;
import org.nautilus.testsupport.Await;

/** The OMS over a durable store: acknowledged after the commit, rebuilt from the store after a restart. */
class RecoveryTest {

    private final MemoryTradingStore store = new MemoryTradingStore();
    private final List<OrderManager> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(OrderManager::close);
    }

    private OrderManager oms(int retained, FakeVenue... venues) {
        OrderManager oms = OrderManager.builder(Fixtures.instruments(), new Fixtures.FakeRisk()).clock(Fixtures.CLOCK)
                .router(new DirectRouter(null)).partitions(2).retainedOrders(retained).store(store).build();
        started.add(oms);
        oms.recover();
        for (FakeVenue venue : venues) {
            oms.venueAdded(venue.id(), venue);
        }
        return oms;
    }

    @Test
    void every_order_comes_back_with_its_state_fills_and_events_and_open_ones_are_reconciled_with_their_venue() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        OrderManager before = oms(100, sim);
        Order filled = before.submit(market("c1", Side.BUY, 10));
        sim.onSubmit = FakeVenue.OnSubmit.ACCEPT;
        Order working = before.submit(limit("c2", Side.BUY, 5, "99"));
        sim.onCancel = FakeVenue.OnCancel.SILENT;
        before.cancel(working.id());
        Order pending = before.order(working.id()).orElseThrow();
        before.close();

        FakeVenue restarted = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        restarted.onReconcile = FakeVenue.OnReconcile.CANCEL;
        OrderManager after = oms(100);

        assertThat(after.orders()).containsExactly(filled, pending);
        assertThat(after.fills(filled.id())).isEqualTo(before.fills(filled.id()));
        assertThat(after.events(filled.id())).isEqualTo(before.events(filled.id()));
        assertThat(pending.status()).isEqualTo(PENDING_CANCEL);

        after.venueAdded(restarted.id(), restarted);
        after.sync();

        assertThat(restarted.reconciled).extracting(Order::id).containsExactly(working.id());
        Order reconciled = after.order(working.id()).orElseThrow();
        assertThat(reconciled.status()).isEqualTo(CANCELED);
        assertThat(after.events(working.id())).extracting(e -> e.type()).endsWith(OrderEventType.CANCELED);
        assertThat(store.orders.get(working.id()).order().status()).isEqualTo(CANCELED);
    }

    @Test
    void a_submit_repeated_after_a_restart_returns_the_stored_order_and_sends_nothing() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        Order first = oms(100, sim).submit(market("c1", Side.BUY, 10));
        started.get(0).close();

        FakeVenue restarted = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        Order again = oms(100, restarted).submit(market("c1", Side.BUY, 10));

        assertThat(again).isEqualTo(first);
        assertThat(restarted.submitted).isEmpty();
        assertThat(store.orders).hasSize(1);
    }

    @Test
    void order_ids_continue_after_a_restart_and_are_never_reused() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        OrderManager before = oms(100, sim);
        long last = 0;
        for (int i = 0; i < 5; i++) {
            last = before.submit(market("a" + i, Side.BUY, 1)).id().value();
        }
        before.close();

        Order next = oms(100, new FakeVenue("SIM", FakeVenue.OnSubmit.FILL)).submit(market("b", Side.BUY, 1));

        assertThat(next.id().value()).isGreaterThan(last);
    }

    @Test
    void a_command_is_acknowledged_only_once_its_unit_of_work_is_durable() throws Exception {
        OrderManager oms = oms(100, new FakeVenue("SIM", FakeVenue.OnSubmit.FILL));
        CountDownLatch durable = new CountDownLatch(1);
        store.gate = durable;
        ExecutorService client = Executors.newSingleThreadExecutor();
        try {
            Future<Order> ack = client.submit(() -> oms.submit(market("c1", Side.BUY, 10)));

            assertThatThrownBy(() -> ack.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            durable.countDown();
            assertThat(ack.get(5, TimeUnit.SECONDS).status()).isEqualTo(FILLED);
        } finally {
            client.shutdownNow();
        }
    }

    @Test
    void an_asynchronous_submit_returns_at_once_and_completes_only_once_durable() throws Exception {
        OrderManager oms = oms(100, new FakeVenue("SIM", FakeVenue.OnSubmit.FILL));
        CountDownLatch durable = new CountDownLatch(1);
        store.gate = durable;

        CompletableFuture<Order> ack = oms.submitAsync(market("c1", Side.BUY, 10));

        // The writer has applied the order (it is FILLED in memory) and waits for its unit to be durable.
        Await.until("c1 filled in memory", () -> oms.order(ClientOrderId.of("c1"))
                .map(o -> o.status() == FILLED).orElse(false));
        assertThat(ack).as("not acknowledged before its unit is durable").isNotDone();
        durable.countDown();
        assertThat(ack.get(5, TimeUnit.SECONDS).status()).isEqualTo(FILLED);
        assertThat(oms.submitAsync(market("c1", Side.BUY, 10)).get(5, TimeUnit.SECONDS))
                .as("idempotent like submit").isEqualTo(ack.get());

        store.failure = "disk full";
        assertThatThrownBy(() -> oms.submitAsync(market("c2", Side.BUY, 10)).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OrderServiceUnavailableException.class).hasMessageContaining("disk full");
        assertThat(oms.halted()).isTrue();
        assertThat(oms.submitAsync(market("c3", Side.BUY, 10))).as("halted: refused through the future")
                .isCompletedExceptionally();
    }

    @Test
    void a_failed_commit_halts_the_OMS_with_a_retryable_error_and_queries_still_answer() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        OrderManager oms = oms(100, sim);
        Order before = oms.submit(market("c1", Side.BUY, 10));
        store.failure = "disk full";

        assertThatThrownBy(() -> oms.submit(market("c2", Side.BUY, 10)))
                .isInstanceOf(OrderServiceUnavailableException.class).hasMessageContaining("disk full")
                .satisfies(e -> assertThat(((OrderServiceUnavailableException) e).retryable()).isTrue());
        store.failure = null;
        assertThatThrownBy(() -> oms.submit(market("c3", Side.BUY, 10)))
                .isInstanceOf(OrderServiceUnavailableException.class);
        assertThatThrownBy(() -> oms.cancel(before.id())).isInstanceOf(OrderServiceUnavailableException.class);
        assertThat(oms.halted()).isTrue();
        assertThat(oms.order(before.id())).contains(before);
    }

    @Test
    void finished_orders_beyond_the_retention_stay_queryable_and_idempotent_from_the_store() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        OrderManager before = oms(100, sim);
        List<Order> submitted = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            submitted.add(before.submit(market("c" + i, Side.BUY, 1)));
        }
        before.close();

        FakeVenue restarted = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        OrderManager after = oms(2, restarted);
        Order oldest = submitted.get(0);

        assertThat(after.orders()).hasSizeLessThan(6);
        assertThat(after.order(oldest.id())).contains(oldest);
        assertThat(after.order(ClientOrderId.of("c0"))).contains(oldest);
        assertThat(after.fills(oldest.id())).hasSize(1);
        assertThat(after.events(oldest.id())).extracting(e -> e.type()).startsWith(OrderEventType.INITIALIZED)
                .endsWith(OrderEventType.FILL);
        assertThat(after.submit(market("c0", Side.BUY, 1))).isEqualTo(oldest);
        assertThat(after.cancel(oldest.id()).code()).isEqualTo("ORDER_TERMINAL");
        assertThat(restarted.submitted).isEmpty();
    }

    @Test
    void a_held_OTO_child_keeps_its_link_across_a_restart_and_is_released_by_its_parents_fill() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT);
        List<Order> oto = oms(100, sim).submit(OrderList.oto(limit("entry", Side.BUY, 10, "100"),
                limit("exit", Side.SELL, 10, "110")));
        assertThat(oto).extracting(Order::status).containsExactly(ACCEPTED, INITIALIZED);
        started.get(0).close();

        FakeVenue restarted = new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT);
        OrderManager after = oms(100, restarted);
        after.sync();
        restarted.fill(oto.get(0).id(), Quantity.ofWhole(10), Price.ofWhole(100));
        after.sync();

        assertThat(after.order(oto.get(0).id()).orElseThrow().status()).isEqualTo(FILLED);
        assertThat(after.order(oto.get(1).id()).orElseThrow().status()).isEqualTo(ACCEPTED);
        assertThat(restarted.submitted).extracting(Order::id).containsExactly(oto.get(1).id());
    }

    @Test
    void a_denied_order_is_stored_with_its_reason() {
        Fixtures.FakeRisk risk = new Fixtures.FakeRisk();
        risk.next = RiskDecision.reject("max-order-quantity", "MAX_ORDER_QUANTITY",
                "max order quantity 5 exceeded: 10");
        OrderManager oms = OrderManager.builder(Fixtures.instruments(), risk).clock(Fixtures.CLOCK)
                .router(new DirectRouter(null)).partitions(2).store(store).build();
        started.add(oms);
        OrderId id = oms.submit(market("c1", Side.BUY, 10)).id();

        assertThat(store.orders.get(id).order().status()).isEqualTo(DENIED);
        assertThat(store.orders.get(id).order().reason()).contains("max order quantity 5 exceeded");
        assertThat(store.keys).containsEntry(ClientOrderId.of("c1"), id);
    }
}
