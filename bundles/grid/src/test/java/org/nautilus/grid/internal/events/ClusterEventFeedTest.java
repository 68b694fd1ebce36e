package org.nautilus.grid.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.ignite.ShutdownPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.domain.ClientOrderId;
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
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventFeed;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.store.IgniteTradingStore;
import org.nautilus.grid.internal.store.StoreSettings;
import org.nautilus.testsupport.Await;

/**
 * The cluster's order event feed with three real Ignite nodes in this JVM (in memory, one backup, no journal: the
 * cluster's store): units of work committed through the store on one node ("the OMS's") reach a subscription on
 * another, in each portfolio's order, once; a unit that failed to commit never does; a slow subscriber is dropped
 * with a reason while the others go on; and the feed keeps going while the writing node changes and nodes leave
 * and join, including when its registration with the grid silently stops delivering.
 */
class ClusterEventFeedTest {

    /** Ports of this test only: its nodes never meet another test's. */
    private static final int DISCOVERY = 49740;
    private static final int COMMUNICATION = 49770;
    private static final int MAX_NODES = 4;
    private static final Instant T = Instant.parse("2024-03-01T14:30:00Z");
    private static final PortfolioId ALPHA = PortfolioId.of("alpha");
    private static final PortfolioId BETA = PortfolioId.of("beta");
    /** Fast gap handling and checks, so that a test does not wait for the production timings. */
    private static final ClusterEventFeed.Timing FAST = new ClusterEventFeed.Timing(Duration.ofMillis(100),
            Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(200));
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<EmbeddedGrid> grids = new ArrayList<>();
    private final List<IgniteTradingStore> stores = new ArrayList<>();
    private final List<ClusterEventFeed> feeds = new ArrayList<>();
    /** The OMS's numbering: the last sequence per portfolio, and the next order id. */
    private final Map<PortfolioId, Long> sequences = new HashMap<>();
    private final AtomicLong orderIds = new AtomicLong();

    @BeforeEach
    void startThree() {
        for (int n = 1; n <= 3; n++) {
            start(n);
        }
        assertThat(grids.get(0).ignite().cluster().forServers().nodes()).hasSize(3);
    }

    @AfterEach
    void stopAll() {
        feeds.forEach(ClusterEventFeed::close);
        if (!grids.isEmpty()) {
            grids.get(0).ignite().cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE);
        }
        for (int i = grids.size() - 1; i >= 0; i--) {
            stores.get(i).close();
            grids.get(i).close();
        }
    }

    private void start(int n) {
        GridSettings settings = new GridSettings("feed" + n, "feed" + n, dir.resolve("feed" + n).toAbsolutePath(),
                false, GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + MAX_NODES - 1)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 0, 60_000, true, "");
        EmbeddedGrid grid = EmbeddedGrid.start(settings, getClass().getClassLoader());
        grids.add(grid);
        stores.add(IgniteTradingStore.open(grid, StoreSettings.defaults(settings.workDirectory())));
    }

    private void stop(int index) {
        stores.remove(index).close();
        grids.remove(index).close();
    }

    private ClusterEventFeed feedOn(IgniteTradingStore store) {
        return feedOn(store.committedEventRows().orElseThrow());
    }

    private ClusterEventFeed feedOn(CommittedEvents source) {
        ClusterEventFeed feed = new ClusterEventFeed(source, FAST);
        feeds.add(feed);
        return feed;
    }

    // ------------------------------------------------------------------ the OMS's side, as the store sees it

    private static Order order(long id, PortfolioId portfolio, OrderStatus status) {
        OrderRequest request = new OrderRequest(ClientOrderId.of("c-" + id), portfolio, InstrumentId.of("AAPL"),
                Side.BUY, OrderType.LIMIT, Quantity.ofWhole(10), Price.ofWhole(187), null, TimeInForce.DAY, null,
                VenueId.of("SIM"), false, false);
        return new Order(OrderId.of(id), request, status, Quantity.ZERO, null, VenueId.of("SIM"), null, T, T);
    }

    /** One unit of work as the OMS makes it: a new order of the portfolio, and its first {@code events} events. */
    private List<OrderEvent> newOrder(PortfolioId portfolio, int events) {
        long id = orderIds.incrementAndGet();
        List<OrderEvent> made = new ArrayList<>();
        OrderEventType[] types = {OrderEventType.INITIALIZED, OrderEventType.SUBMITTED, OrderEventType.ACCEPTED};
        OrderStatus[] states = {OrderStatus.INITIALIZED, OrderStatus.SUBMITTED, OrderStatus.ACCEPTED};
        for (int v = 1; v <= events; v++) {
            long sequence = sequences.merge(portfolio, 1L, Long::sum);
            made.add(new OrderEvent(v, types[v - 1], order(id, portfolio, states[v - 1]), null, null, T, sequence));
        }
        return made;
    }

    /** Records the unit's orders and events in one unit of work; returns its commit. */
    private static Commit write(IgniteTradingStore store, List<OrderEvent> unit) {
        store.begin();
        for (OrderEvent event : unit) {
            store.record(new StoredOrder(event.order(), event.version(), false, new byte[0]), event);
        }
        return store.end();
    }

    /** Writes {@code orders} new orders of each portfolio, alternating, without waiting per unit (group commit). */
    private List<OrderEvent> writeOrders(IgniteTradingStore store, int orders, PortfolioId... portfolios) {
        List<OrderEvent> written = new ArrayList<>();
        List<Commit> commits = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            for (PortfolioId portfolio : portfolios) {
                List<OrderEvent> unit = newOrder(portfolio, 1 + i % 3);
                commits.add(write(store, unit));
                written.addAll(unit);
            }
        }
        commits.forEach(Commit::await);
        return written;
    }

    /** A subscriber that keeps what it gets. */
    private static class Recorder implements OrderEventSubscriber {
        final List<OrderEvent> events = new ArrayList<>();
        final List<String> drops = new ArrayList<>();
        private final Map<PortfolioId, Long> resume;

        Recorder(Map<PortfolioId, Long> resume) {
            this.resume = resume;
        }

        Recorder() {
            this(Map.of());
        }

        @Override
        public synchronized void onEvent(OrderEvent event) {
            events.add(event);
        }

        @Override
        public Map<PortfolioId, Long> resumeAfter() {
            return resume;
        }

        @Override
        public synchronized void onDropped(String why) {
            drops.add(why);
        }

        synchronized List<Long> sequences(PortfolioId portfolio) {
            return events.stream().filter(e -> e.portfolioId().equals(portfolio)).map(OrderEvent::sequence).toList();
        }

        synchronized int size() {
            return events.size();
        }

        synchronized List<String> drops() {
            return List.copyOf(drops);
        }

        void awaitSequences(PortfolioId portfolio, long from, long to) {
            Await.until(portfolio + " " + from + ".." + to, WAIT, () -> sequences(portfolio),
                    got -> got.size() >= to - from + 1);
            assertThat(sequences(portfolio)).as("sequences of %s, in order, once each", portfolio)
                    .containsExactlyElementsOf(LongStream.rangeClosed(from, to).boxed().toList());
        }
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void events_committed_on_one_node_reach_a_subscriber_on_another_in_each_portfolios_order_exactly_once()
            throws Exception {
        IgniteTradingStore oms = stores.get(0);
        oms.acquireEpoch();
        Recorder all = new Recorder();
        Recorder betaOnly = new Recorder();
        ClusterEventFeed feed = feedOn(stores.get(1));
        feed.subscribe("all", all, Set.of(), 10_000);
        feed.subscribe("beta", betaOnly, Set.of(BETA), 10_000);

        List<OrderEvent> written = writeOrders(oms, 200, ALPHA, BETA);

        long alpha = sequences.get(ALPHA);
        long beta = sequences.get(BETA);
        all.awaitSequences(ALPHA, 1, alpha);
        all.awaitSequences(BETA, 1, beta);
        betaOnly.awaitSequences(BETA, 1, beta);
        assertThat(betaOnly.sequences(ALPHA)).isEmpty();
        Thread.sleep(500); // a repeat would come by now
        assertThat(all.size()).isEqualTo(written.size());
        // The very events the OMS made, not only their numbers.
        assertThat(all.events).containsExactlyInAnyOrderElementsOf(written);
        assertThat(all.drops()).isEmpty();
    }

    @Test
    void nothing_of_a_unit_that_failed_to_commit_is_delivered() throws Exception {
        IgniteTradingStore stale = stores.get(0);
        stale.acquireEpoch();
        Recorder recorder = new Recorder();
        feedOn(stores.get(1)).subscribe("watch", recorder, Set.of(), 1_000);
        writeOrders(stale, 5, ALPHA);
        long before = sequences.get(ALPHA);
        recorder.awaitSequences(ALPHA, 1, before);

        // The OMS moves to node 3 while node 1 still believes it runs it: node 1's next unit is fenced out.
        IgniteTradingStore leader = stores.get(2);
        leader.acquireEpoch();
        List<OrderEvent> refused = newOrder(ALPHA, 3);
        assertThatThrownBy(() -> write(stale, refused).await()).isInstanceOf(StoreException.class)
                .hasMessageContaining("leadership moved");
        // The new OMS recovers the numbering from the store, which has none of the failed unit's.
        sequences.put(ALPHA, before);
        List<OrderEvent> accepted = writeOrders(leader, 4, ALPHA);

        recorder.awaitSequences(ALPHA, 1, sequences.get(ALPHA));
        Thread.sleep(500);
        List<OrderId> delivered = recorder.events.stream().map(OrderEvent::orderId).distinct().toList();
        assertThat(delivered).doesNotContain(refused.get(0).orderId());
        assertThat(recorder.events.subList((int) before, recorder.size())).containsExactlyElementsOf(accepted);
    }

    @Test
    void a_slow_subscriber_is_dropped_with_a_reason_and_where_to_resume_while_the_others_get_everything()
            throws Exception {
        IgniteTradingStore oms = stores.get(0);
        oms.acquireEpoch();
        ClusterEventFeed feed = feedOn(stores.get(1));
        CountDownLatch release = new CountDownLatch(1);
        Recorder slow = new Recorder() {
            @Override
            public void onEvent(OrderEvent event) {
                super.onEvent(event);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Recorder fast = new Recorder();
        feed.subscribe("slow", slow, Set.of(), 5);
        feed.subscribe("fast", fast, Set.of(), 10_000);

        writeOrders(oms, 40, ALPHA);

        fast.awaitSequences(ALPHA, 1, sequences.get(ALPHA));
        release.countDown();
        Await.until("the slow subscriber is told it was dropped", WAIT, () -> !slow.drops().isEmpty());
        assertThat(slow.drops()).singleElement().asString().contains("fell behind")
                .contains("queue of 5 events is full").contains("resume after {alpha=");
        // It got a prefix, in order, and nothing after being dropped.
        List<Long> got = slow.sequences(ALPHA);
        assertThat(got).containsExactlyElementsOf(LongStream.rangeClosed(1, got.size()).boxed().toList());
        assertThat(slow.drops().get(0)).contains("resume after {alpha=" + got.size() + "}");
        Await.until("the slow subscription is gone from the feed", WAIT, () -> feed.size() == 1);

        // Subscribing again where it stopped continues without a gap or a repeat.
        Recorder resumed = new Recorder(Map.of(ALPHA, (long) got.size()));
        feed.subscribe("slow-again", resumed, Set.of(ALPHA), 10_000);
        writeOrders(oms, 5, ALPHA);
        resumed.awaitSequences(ALPHA, got.size() + 1, sequences.get(ALPHA));
    }

    @Test
    void resuming_beyond_what_the_store_has_is_refused_with_the_reason() {
        stores.get(0).acquireEpoch();
        writeOrders(stores.get(0), 3, ALPHA);
        Recorder ahead = new Recorder(Map.of(ALPHA, 1_000L));
        feedOn(stores.get(1)).subscribe("ahead", ahead, Set.of(), 100);
        Await.until("dropped", WAIT, () -> !ahead.drops().isEmpty());
        assertThat(ahead.drops().get(0)).contains("after sequence 1000")
                .contains("have only got to " + sequences.get(ALPHA));
        assertThatThrownBy(() -> feedOn(stores.get(1)).subscribe("none", new Recorder(), Set.of(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }

    /**
     * The writing node changes twice and nodes leave and join; on top of that the feed's first registration with
     * the grid stops delivering without a word (what a cancelled continuous query did): after the next topology
     * change the feed registers again and reads what it missed from the store, and the subscriber gets every event
     * once, in order.
     */
    @Test
    void the_feed_keeps_going_when_the_writing_node_changes_and_nodes_leave_and_join() throws Exception {
        AtomicBoolean firstRegistrationDead = new AtomicBoolean();
        CommittedEvents rows = stores.get(1).committedEventRows().orElseThrow();
        AtomicLong registrations = new AtomicLong();
        CommittedEvents flaky = new CommittedEvents() {
            @Override
            public AutoCloseable listen(Consumer<List<OrderEvent>> committed) {
                boolean first = registrations.incrementAndGet() == 1;
                return rows.listen(events -> {
                    if (!(first && firstRegistrationDead.get())) {
                        committed.accept(events);
                    }
                });
            }

            @Override
            public long topologyVersion() {
                return rows.topologyVersion();
            }

            @Override
            public Map<PortfolioId, Long> lastSequences() {
                return rows.lastSequences();
            }

            @Override
            public Tail eventsAfter(Map<PortfolioId, Long> after) {
                return rows.eventsAfter(after);
            }
        };
        Recorder recorder = new Recorder();
        OrderEventFeed feed = feedOn(flaky);
        feed.subscribe("survivor", recorder, Set.of(), 10_000);

        stores.get(0).acquireEpoch();
        writeOrders(stores.get(0), 10, ALPHA, BETA);
        recorder.awaitSequences(ALPHA, 1, sequences.get(ALPHA));

        // The first registration goes silent; the OMS moves to node 3, which writes.
        firstRegistrationDead.set(true);
        stores.get(2).acquireEpoch();
        writeOrders(stores.get(2), 10, ALPHA, BETA);
        // Node 1 (the old OMS node) leaves: the topology changes, the feed registers again and catches up.
        stop(0);
        recorder.awaitSequences(ALPHA, 1, sequences.get(ALPHA));
        recorder.awaitSequences(BETA, 1, sequences.get(BETA));
        assertThat(registrations.get()).isGreaterThanOrEqualTo(2);

        // A node joins and the OMS moves to it.
        start(4);
        IgniteTradingStore joined = stores.get(stores.size() - 1);
        joined.acquireEpoch();
        writeOrders(joined, 10, ALPHA, BETA);
        recorder.awaitSequences(ALPHA, 1, sequences.get(ALPHA));
        recorder.awaitSequences(BETA, 1, sequences.get(BETA));
        Thread.sleep(500);
        assertThat(recorder.size()).isEqualTo((int) (sequences.get(ALPHA) + sequences.get(BETA)));
        assertThat(recorder.drops()).isEmpty();
    }
}
