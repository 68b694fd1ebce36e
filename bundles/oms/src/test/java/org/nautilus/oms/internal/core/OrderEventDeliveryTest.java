package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.nautilus.oms.internal.core.Fixtures.MAIN;
import static org.nautilus.oms.internal.core.Fixtures.market;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.oms.internal.routing.DirectRouter;
import org.nautilus.testsupport.Await;

/** Outside subscribers get the OMS's events only once durable, in order per portfolio, and can resume. */
class OrderEventDeliveryTest {

    private static final PortfolioId OTHER = PortfolioId.of("other");

    private final MemoryTradingStore store = new MemoryTradingStore();
    private final List<OrderManager> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(OrderManager::close);
    }

    private OrderManager oms(MemoryTradingStore durable) {
        OrderManager oms = OrderManager.builder(Fixtures.instruments(), new Fixtures.FakeRisk()).clock(Fixtures.CLOCK)
                .router(new DirectRouter(null)).partitions(2).store(durable).build();
        started.add(oms);
        oms.recover();
        oms.venueAdded(VenueId.of("SIM"), new FakeVenue("SIM", FakeVenue.OnSubmit.FILL));
        return oms;
    }

    /** Records what it is given; can be made to block, to play a slow consumer. */
    private static final class Recorder implements OrderEventSubscriber {
        final List<OrderEvent> events = new CopyOnWriteArrayList<>();
        final Map<PortfolioId, Long> resume;
        volatile CountDownLatch blocked;
        volatile String dropped;

        Recorder(Map<PortfolioId, Long> resume) {
            this.resume = resume;
        }

        @Override
        public void onEvent(OrderEvent event) {
            CountDownLatch gate = blocked;
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            events.add(event);
        }

        @Override
        public Map<PortfolioId, Long> resumeAfter() {
            return resume;
        }

        @Override
        public void onDropped(String why) {
            dropped = why;
        }
    }

    /**
     * Gives a wrong, early or extra delivery time to show before asserting an absence: nothing signals that an event
     * did not come, so the negative checks below wait this long instead of on a latch.
     */
    private static void allowStrayDelivery() throws InterruptedException {
        Thread.sleep(150);
    }

    private static void eventually(BooleanSupplier condition) {
        Await.until("the condition", Duration.ofSeconds(10), condition);
    }

    @Test
    void events_reach_a_subscriber_only_once_their_unit_is_durable() throws Exception {
        OrderManager oms = oms(store);
        Recorder recorder = new Recorder(Map.of());
        oms.subscribe(recorder, "test", 100);
        CountDownLatch durable = new CountDownLatch(1);
        store.gate = durable;

        CompletableFuture<Order> ack = oms.submitAsync(market("c1", Side.BUY, 10));

        // The step is applied (the order is FILLED in memory) but its unit is not durable yet.
        eventually(() -> oms.order(ClientOrderId.of("c1")).isPresent());
        allowStrayDelivery();
        assertThat(recorder.events).as("nothing leaves before the commit").isEmpty();
        durable.countDown();
        assertThat(ack.get(5, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
        eventually(() -> recorder.events.size() == 4);
        assertThat(recorder.events).extracting(OrderEvent::type).containsExactly(OrderEventType.INITIALIZED,
                OrderEventType.SUBMITTED, OrderEventType.ACCEPTED, OrderEventType.FILL);
        assertThat(recorder.events).extracting(OrderEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void a_failed_commit_delivers_nothing() throws Exception {
        OrderManager oms = oms(store);
        Recorder recorder = new Recorder(Map.of());
        oms.subscribe(recorder, "test", 100);
        oms.submit(market("c1", Side.BUY, 10));
        eventually(() -> recorder.events.size() == 4);
        store.failure = "disk full";

        assertThatThrownBy(() -> oms.submit(market("c2", Side.BUY, 10)))
                .isInstanceOf(OrderServiceUnavailableException.class);

        allowStrayDelivery();
        assertThat(recorder.events).as("the failed unit's events never leave").hasSize(4)
                .allSatisfy(e -> assertThat(e.order().clientOrderId()).isEqualTo(ClientOrderId.of("c1")));
    }

    @Test
    void events_are_delivered_in_order_per_portfolio_whatever_order_the_commits_complete_in() throws Exception {
        OrderManager oms = oms(store);
        Recorder recorder = new Recorder(Map.of());
        oms.subscribe(recorder, "test", 10_000);
        List<CompletableFuture<Order>> acks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // Commits of a held gate complete on threads of their own, in any order.
            store.gate = i % 7 == 0 ? new CountDownLatch(1) : null;
            CountDownLatch held = store.gate;
            PortfolioId portfolio = i % 2 == 0 ? MAIN : OTHER;
            acks.add(oms.submitAsync(OrderRequest.market(ClientOrderId.of("c" + i), portfolio, Fixtures.AAPL,
                    Side.BUY, Quantity.ofWhole(1))));
            if (held != null && i % 3 == 0) {
                held.countDown();
            } else if (held != null) {
                CompletableFuture.delayedExecutor(i % 5, TimeUnit.MILLISECONDS).execute(held::countDown);
            }
        }
        for (CompletableFuture<Order> ack : acks) {
            ack.get(10, TimeUnit.SECONDS);
        }
        eventually(() -> recorder.events.size() == 800);
        for (PortfolioId portfolio : List.of(MAIN, OTHER)) {
            assertThat(recorder.events.stream().filter(e -> e.portfolioId().equals(portfolio))
                    .map(OrderEvent::sequence).toList())
                            .as("portfolio %s: 1..400 in order", portfolio)
                            .isEqualTo(LongStream.rangeClosed(1, 400).boxed().toList());
        }
    }

    @Test
    void a_slow_subscriber_is_dropped_with_a_reason_while_orders_keep_flowing() throws Exception {
        OrderManager oms = oms(store);
        Recorder slow = new Recorder(Map.of());
        slow.blocked = new CountDownLatch(1);
        Recorder fast = new Recorder(Map.of());
        oms.subscribe(slow, "slow", 10);
        oms.subscribe(fast, "fast", 10_000);

        for (int i = 0; i < 50; i++) {
            assertThat(oms.submit(market("c" + i, Side.BUY, 1)).status())
                    .isEqualTo(OrderStatus.FILLED);
        }
        slow.blocked.countDown();

        eventually(() -> slow.dropped != null);
        assertThat(slow.dropped).contains("fell behind").contains("10 events");
        assertThat(slow.events.size()).as("what was queued before the drop").isLessThanOrEqualTo(11);
        eventually(() -> fast.events.size() == 200);
        assertThat(oms.submit(market("after", Side.BUY, 1)).status())
                .isEqualTo(OrderStatus.FILLED);
        eventually(() -> fast.events.size() == 204);
        assertThat(slow.events.size()).as("nothing more after the drop").isLessThanOrEqualTo(11);
    }

    @Test
    void after_a_restart_a_subscriber_resumes_from_its_last_sequence_without_gaps_or_duplicates() throws Exception {
        OrderManager before = oms(store);
        Recorder first = new Recorder(Map.of());
        before.subscribe(first, "first", 1000);
        before.submit(market("c1", Side.BUY, 10));
        before.submit(market("c2", Side.SELL, 5));
        eventually(() -> first.events.size() == 8);
        long seen = first.events.get(2).sequence();
        before.close();

        OrderManager after = oms(store);
        assertThat(after.lastSequence(MAIN)).as("numbering continues after the stored events").isEqualTo(8);
        Recorder resumed = new Recorder(Map.of(MAIN, seen));
        after.subscribe(resumed, "resumed", 1000);
        after.submit(market("c3", Side.BUY, 1));

        eventually(() -> resumed.events.size() == 9);
        allowStrayDelivery();
        assertThat(resumed.events).extracting(OrderEvent::sequence)
                .containsExactly(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(resumed.events.subList(0, 5)).as("the missed ones, as they were")
                .isEqualTo(first.events.subList(3, 8));
    }

    @Test
    void a_resume_point_beyond_the_stream_is_refused_with_the_reason() throws Exception {
        OrderManager oms = oms(store);
        oms.submit(market("c1", Side.BUY, 10));
        Recorder ahead = new Recorder(Map.of(MAIN, 99L));

        oms.subscribe(ahead, "ahead", 100);

        eventually(() -> ahead.dropped != null);
        assertThat(ahead.dropped).contains("after sequence 99").contains("only got to 4");
        oms.submit(market("c2", Side.BUY, 10));
        allowStrayDelivery();
        assertThat(ahead.events).isEmpty();
    }

    @Test
    void without_a_store_delivery_is_immediate() throws Exception {
        try (Harness h = new Harness(null, new FakeVenue("SIM", FakeVenue.OnSubmit.FILL))) {
            Recorder recorder = new Recorder(Map.of());
            h.oms.subscribe(recorder, "test", 100);
            h.oms.submit(market("c1", Side.BUY, 10));
            eventually(() -> recorder.events.size() == 4);
        }
    }
}
