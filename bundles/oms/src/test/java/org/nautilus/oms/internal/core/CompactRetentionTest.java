package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.oms.internal.core.Fixtures.limit;
import static org.nautilus.oms.internal.core.Fixtures.market;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.oms.internal.routing.DirectRouter;

/**
 * Finished orders beyond the history window are kept compact (their final snapshot): still listed, queryable and
 * idempotent by client order id; their events and fills come from the store.
 */
class CompactRetentionTest {

    private final List<OrderManager> started = new ArrayList<>();
    private final Fixtures.Recorder recorder = new Fixtures.Recorder();

    @AfterEach
    void stop() {
        started.forEach(OrderManager::close);
    }

    /** One partition, so that every order below shares the same retention. */
    private OrderManager oms(MemoryTradingStore store, int retained, int history, FakeVenue venue) {
        OrderListeners listeners = new OrderListeners();
        listeners.add(recorder);
        OrderManager.Builder builder = OrderManager.builder(Fixtures.instruments(), new Fixtures.FakeRisk())
                .clock(Fixtures.CLOCK).router(new DirectRouter(null)).listeners(listeners).partitions(1)
                .retainedOrders(retained).retainedHistory(history);
        if (store != null) {
            builder.store(store);
        }
        OrderManager oms = builder.build();
        started.add(oms);
        oms.recover();
        oms.venueAdded(venue.id(), venue);
        return oms;
    }

    @Test
    void compact_orders_stay_listed_queryable_and_idempotent_without_a_store() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        OrderManager oms = oms(null, 8, 2, sim);
        List<Order> submitted = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            submitted.add(oms.submit(market("c" + i, Side.BUY, 1)));
        }

        // 8 retained: c3..c10; c9 and c10 with their history, c3..c8 compact; c1 and c2 forgotten.
        assertThat(oms.orders()).extracting(o -> o.clientOrderId().value())
                .containsExactly("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10");
        Order compact = submitted.get(2);
        assertThat(oms.order(compact.id())).contains(compact);
        assertThat(oms.order(ClientOrderId.of("c3"))).contains(compact);
        assertThat(oms.order(ClientOrderId.of("c1"))).isEmpty();
        assertThat(oms.events(submitted.get(9).id())).isNotEmpty();
        assertThat(oms.fills(submitted.get(9).id())).hasSize(1);
        // Without a store nobody has a compact order's history any more.
        assertThat(oms.events(compact.id())).isEmpty();
        assertThat(oms.fills(compact.id())).isEmpty();

        Order again = oms.submit(market("c3", Side.BUY, 1));

        assertThat(again).isEqualTo(compact);
        assertThat(sim.submitted).hasSize(10);
        assertThat(oms.cancel(compact.id()).code()).isEqualTo("ORDER_TERMINAL");
        assertThat(oms.amend(compact.id(), Quantity.ofWhole(2), null).code()).isEqualTo("ORDER_TERMINAL");
    }

    @Test
    void the_history_of_compact_orders_comes_from_the_store() {
        MemoryTradingStore store = new MemoryTradingStore();
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.FILL);
        OrderManager oms = oms(store, 100, 1, sim);
        Order first = oms.submit(market("c1", Side.BUY, 3));
        List<OrderEvent> events = oms.events(first.id());
        List<Fill> fills = oms.fills(first.id());
        for (int i = 2; i <= 5; i++) {
            oms.submit(market("c" + i, Side.BUY, 1));
        }

        assertThat(oms.order(first.id())).contains(first);
        assertThat(oms.events(first.id())).isEqualTo(events).extracting(e -> e.type())
                .startsWith(OrderEventType.INITIALIZED).endsWith(OrderEventType.FILL);
        assertThat(oms.fills(first.id())).isEqualTo(fills).hasSize(1);
        assertThat(oms.submit(market("c1", Side.BUY, 3))).isEqualTo(first);
        assertThat(sim.submitted).hasSize(5);
        assertThat(store.orders).hasSize(5);
    }

    @Test
    void a_late_fill_on_a_compact_order_is_booked_and_its_compact_entry_follows() {
        FakeVenue sim = new FakeVenue("SIM", FakeVenue.OnSubmit.ACCEPT);
        OrderManager oms = oms(null, 100, 1, sim);
        Order order = oms.submit(limit("c1", Side.BUY, 5, "100"));
        oms.cancel(order.id());
        oms.sync();
        assertThat(oms.order(order.id()).orElseThrow().status()).isEqualTo(CANCELED);
        sim.onSubmit = FakeVenue.OnSubmit.FILL;
        for (int i = 2; i <= 4; i++) {
            assertThat(oms.submit(market("c" + i, Side.BUY, 1)).status()).isEqualTo(FILLED);
        }

        sim.fill(order.id(), Quantity.ofWhole(2), Price.of("100"));
        oms.sync();

        Order after = oms.order(order.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(CANCELED);
        assertThat(after.filledQuantity()).isEqualTo(Quantity.ofWhole(2));
        assertThat(oms.lateFills()).isEqualTo(1);
        assertThat(recorder.fills).hasSize(4);
    }
}
