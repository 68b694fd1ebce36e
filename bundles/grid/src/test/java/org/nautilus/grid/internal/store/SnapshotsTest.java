package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.snapshot.RestoreResult;
import org.nautilus.api.snapshot.SnapshotInfo;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.testsupport.Await;

/**
 * Snapshots on real Ignite nodes with native persistence: one taken while orders are being acknowledged is restored
 * into a fresh node (another work directory and consistent id), which then holds every order, fill, position and
 * audit entry acknowledged before the snapshot was requested, and trades on from there.
 */
class SnapshotsTest {

    static final int DISCOVERY_PORT = 48751;
    static final int COMMUNICATION_PORT = 48851;

    @TempDir
    Path tmp;

    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }

    /** One node: its grid and store, and snapshots over the shared local folder. */
    final class Node implements AutoCloseable {
        final StandaloneStore host;
        final Snapshots snapshots;
        final IgniteTradingStore store;

        Node(String name) {
            host = new StandaloneStore(GridSettings.localNode(name, tmp.resolve(name), DISCOVERY_PORT,
                    COMMUNICATION_PORT), getClass().getClassLoader());
            store = host.store();
            snapshots = new Snapshots(host.grid(), host, new LocalFolderTarget(tmp.resolve("snapshots")),
                    tmp.resolve(name + ".staging"), Clock.fixed(Instant.parse("2024-03-01T14:30:00Z"), ZoneOffset.UTC));
            nodes.add(this);
        }

        @Override
        public void close() {
            host.close();
            nodes.remove(this);
        }
    }

    /** What one acknowledged trade wrote: an order filled, its fill, a position, and (every 5th) an audit entry. */
    record Trade(StoredOrder order, Fill fill, Position position, AuditEntry audit) {
    }

    /** Submits and fills order {@code id} in one unit of work and returns once it is durable (acknowledged). */
    static Trade trade(IgniteTradingStore store, AuditJournal audit, long id) {
        String client = "c-" + id;
        Order created = IgniteTradingStoreTest.order(id, client, OrderStatus.INITIALIZED, "0", null);
        Order filled = IgniteTradingStoreTest.order(id, client, OrderStatus.FILLED, "150.5", "187");
        Fill fill = IgniteTradingStoreTest.fill(id, "SIM-" + id, "150.5", "187");
        Position position = IgniteTradingStoreTest.position("alpha", "I" + id, "150.5", "187", "0", "-0.01", 1,
                IgniteTradingStoreTest.T);
        StoredOrder stored = StoredOrder.of(filled, 2);
        store.begin();
        store.record(StoredOrder.of(created, 1), new OrderEvent(1, OrderEventType.INITIALIZED, created, null, null,
                IgniteTradingStoreTest.T, 0));
        store.record(stored, new OrderEvent(2, OrderEventType.FILL, filled, fill, null, IgniteTradingStoreTest.T, 0));
        store.save(position);
        store.end().await();
        AuditEntry entry = id % 5 == 0 ? audit.record(AuditCategory.RISK, "LIMIT", "nautilus.risk.max_notional",
                null, "max notional " + id, Map.of("limit", Long.toString(id))) : null;
        return new Trade(stored, fill, position, entry);
    }

    @Test
    void a_snapshot_taken_during_trading_restores_into_a_fresh_node_with_everything_acknowledged_before_it()
            throws Exception {
        Node a = new Node("snap-a");
        assertThat(a.store.journaled()).as("the embedded default acknowledges after its journal").isTrue();
        AuditJournal auditA = new AuditJournal(a.store);
        List<Trade> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean trading = new AtomicBoolean(true);
        Thread trader = new Thread(() -> {
            long id = 1;
            while (trading.get()) {
                acknowledged.add(trade(a.store, auditA, id++));
            }
        }, "trader");
        trader.start();
        Await.until("300 trades acknowledged", () -> acknowledged.size() >= 300);
        List<Trade> before = List.copyOf(acknowledged);
        SnapshotInfo info = a.snapshots.create("during_trading");
        int during = acknowledged.size();
        Await.until("100 more trades acknowledged", () -> acknowledged.size() >= during + 100);
        trading.set(false);
        trader.join();
        assertThat(info.journalSequence()).as("the journal position it covers").isPositive();
        assertThat(info.sizeBytes()).isPositive();
        assertThat(info.nodes()).containsExactly("snap-a");
        assertThat(a.snapshots.list()).extracting(SnapshotInfo::name).containsExactly("during_trading");
        assertThat(Files.exists(tmp.resolve("snap-a.staging").resolve("during_trading")))
                .as("the staging copy is gone once the target has it").isFalse();
        assertThatThrownBy(() -> a.snapshots.create("during_trading")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> a.snapshots.create("../etc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not allowed");
        assertThatThrownBy(() -> a.snapshots.restore("during_trading")).as("a store with orders is not overwritten")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds")
                .hasMessageContaining("order(s)");
        a.close();

        Node b = new Node("snap-b");
        assertThat(b.store.orderCount()).isZero();
        assertThat(b.snapshots.list()).extracting(SnapshotInfo::name).containsExactly("during_trading");
        assertThatThrownBy(() -> b.snapshots.restore("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no snapshot 'nope'").hasMessageContaining("during_trading");
        String freshId = b.store.storeId();

        RestoreResult result = b.snapshots.restore("during_trading");

        IgniteTradingStore restored = b.host.store();
        assertThat(restored.storeId()).isEqualTo(info.storeId()).isNotEqualTo(freshId);
        assertThat(result.orders()).isGreaterThanOrEqualTo(before.size()).isEqualTo(restored.orderCount());
        AuditJournal auditB = new AuditJournal(restored);
        List<AuditEntry> journal = auditB.query(AuditQuery.all().limit(100_000));
        for (Trade t : before) {
            OrderId id = t.order().id();
            assertThat(restored.order(id)).as("order %s", id).contains(t.order());
            assertThat(restored.fills(id)).as("fills of %s", id).containsExactly(t.fill());
            assertThat(restored.events(id)).extracting(OrderEvent::type)
                    .containsExactly(OrderEventType.INITIALIZED, OrderEventType.FILL);
            assertThat(restored.load(t.position().portfolioId(), t.position().instrumentId()))
                    .as("position of %s", id).contains(t.position());
            if (t.audit() != null) {
                assertThat(journal).as("audit entry %s", t.audit().sequence())
                        .anySatisfy(e -> {
                            assertThat(e.sequence()).isEqualTo(t.audit().sequence());
                            assertThat(e.detail()).isEqualTo(t.audit().detail());
                        });
            }
            assertThat(journal).as("the audit entries of %s", id).filteredOn(e -> e.subject().equals(id.toString()))
                    .extracting(AuditEntry::type).contains("INITIALIZED", "FILL");
        }
        assertThat(restored.orderCount()).as("nothing from after the snapshot's point beyond what it caught")
                .isLessThanOrEqualTo(acknowledged.size());

        // The restored store trades on, after the journal position the snapshot covers, and survives a restart.
        Trade next = trade(restored, auditB, 1_000_000);
        b.close();
        Node again = new Node("snap-b");
        assertThat(again.store.storeId()).isEqualTo(info.storeId());
        assertThat(again.store.order(next.order().id())).contains(next.order());
        assertThat(again.store.order(before.get(0).order().id())).contains(before.get(0).order());
        assertThat(again.store.orderCount()).isEqualTo(result.orders() + 1);
    }

    /** Node {@code n} of a three-node cluster on loopback, one backup of every partition. */
    /** Entries per cache of the trading store's group, cluster-wide. */
    private static Map<String, Integer> tradingCacheSizes(EmbeddedGrid grid) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (String name : grid.ignite().cacheNames()) {
            IgniteCache<?, ?> cache = grid.ignite().cache(name);
            @SuppressWarnings("unchecked")
            CacheConfiguration<?, ?> config = cache.getConfiguration(CacheConfiguration.class);
            if (IgniteTradingStore.GROUP.equals(config.getGroupName())) {
                sizes.put(name, cache.size(CachePeekMode.PRIMARY));
            }
        }
        return sizes;
    }

    private GridSettings clusterNode(String name, int n, boolean activate) {
        return new GridSettings(name, name, tmp.resolve(name).toAbsolutePath(), true, GridSettings.WalMode.FSYNC, 64,
                4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC, List.of("127.0.0.1:48990..48992"), 48990 + n - 1, 0,
                49090 + n - 1, "nautilus", "nautilus-grid", 1, activate, false, 10_000, 0, 60_000, false, "");
    }

    @Test
    void a_snapshot_of_a_three_node_cluster_gathers_every_nodes_part_and_restores_into_a_fresh_cluster()
            throws Exception {
        LocalFolderTarget shared = new LocalFolderTarget(tmp.resolve("snapshots"));
        Clock clock = Clock.fixed(Instant.parse("2024-03-01T14:30:00Z"), ZoneOffset.UTC);
        List<AutoCloseable> cluster = new ArrayList<>();
        List<String> uploaders = new ArrayList<>();
        try {
            // c2 and c3 first, waiting; c1 then activates the cluster with all three in the baseline (no rebalancing).
            for (int n = 2; n <= 3; n++) {
                EmbeddedGrid follower = EmbeddedGrid.start(clusterNode("c" + n, n, false), getClass().getClassLoader());
                cluster.add(follower);
                // What each node's SnapshotComponent registers: its part goes to the (shared) target.
                Snapshots own = new Snapshots(follower, null, shared, tmp.resolve("c" + n + ".staging"), clock);
                Snapshots.PART_UPLOADERS.put(follower.ignite().name(), own::uploadPart);
                uploaders.add(follower.ignite().name());
            }
            StandaloneStore leader = new StandaloneStore(clusterNode("c1", 1, true), getClass().getClassLoader());
            cluster.add(leader);
            assertThat(leader.grid().ignite().cluster().currentBaselineTopology()).hasSize(3);
            Snapshots snapshots = new Snapshots(leader.grid(), leader, shared, tmp.resolve("c1.staging"), clock);
            AuditJournal audit = new AuditJournal(leader.store());
            List<Trade> acknowledged = new ArrayList<>();
            for (long id = 1; id <= 200; id++) {
                acknowledged.add(trade(leader.store(), audit, id));
            }

            SnapshotInfo info = snapshots.create("whole_cluster");

            assertThat(info.nodes()).containsExactly("c1", "c2", "c3");
            for (String node : info.nodes()) {
                assertThat(shared.read("whole_cluster", node + ".smf")).as("part of node %s", node).isNotNull();
            }
            for (int i = cluster.size() - 1; i >= 0; i--) {
                cluster.get(i).close();
            }
            cluster.clear();

            // A fresh node configured as the cluster was (one backup: Ignite restores a cache group only with the
            // settings it was taken with).
            try (StandaloneStore fresh = new StandaloneStore(clusterNode("fresh", 1, true),
                    getClass().getClassLoader())) {
                Snapshots restoring = new Snapshots(fresh.grid(), fresh, shared, tmp.resolve("fresh.staging"), clock);
                RestoreResult result = restoring.restore("whole_cluster");

                IgniteTradingStore restored = fresh.store();
                assertThat(result.orders()).isEqualTo(acknowledged.size());
                for (Trade t : acknowledged) {
                    assertThat(restored.order(t.order().id())).as("order %s", t.order().id()).contains(t.order());
                    assertThat(restored.fills(t.order().id())).containsExactly(t.fill());
                    assertThat(restored.load(t.position().portfolioId(), t.position().instrumentId()))
                            .contains(t.position());
                }

                // The rest of the new cluster starts empty, joins the baseline (as ClusterComponent adds joiners)
                // and takes its partitions: the restored node can then go without losing an entry.
                Map<String, Integer> sizes = tradingCacheSizes(fresh.grid());
                for (int n = 2; n <= 3; n++) {
                    cluster.add(EmbeddedGrid.start(clusterNode("fresh" + n, n, false), getClass().getClassLoader()));
                }
                Ignite first = fresh.grid().ignite();
                first.cluster().setBaselineTopology(new ArrayList<>(first.cluster().forServers().nodes()));
                for (AutoCloseable joined : cluster) {
                    Ignite node = ((EmbeddedGrid) joined).ignite();
                    for (String cache : sizes.keySet()) {
                        node.cache(cache).rebalance().get(Duration.ofSeconds(60).toMillis());
                    }
                    Await.until(node.name() + " holds trading partitions", Duration.ofSeconds(60),
                            () -> sizes.keySet().stream().anyMatch(cache -> node.cache(cache)
                                    .localSize(CachePeekMode.PRIMARY, CachePeekMode.BACKUP) > 0));
                }
                fresh.close();
                EmbeddedGrid survivor = (EmbeddedGrid) cluster.get(0);
                for (String cache : sizes.keySet()) {
                    assertThat(survivor.ignite().cache(cache).lostPartitions()).as("lost partitions of %s", cache)
                            .isEmpty();
                }
                assertThat(tradingCacheSizes(survivor)).isEqualTo(sizes);
            }
            for (int i = cluster.size() - 1; i >= 0; i--) {
                cluster.get(i).close();
            }
            cluster.clear();

            // A snapshot missing a node's part (a target each node kept to itself) is refused, and changes nothing.
            Files.delete(tmp.resolve("snapshots").resolve("whole_cluster").resolve("c2.smf"));
            try (StandaloneStore other = new StandaloneStore(clusterNode("other", 1, true),
                    getClass().getClassLoader())) {
                Snapshots restoring = new Snapshots(other.grid(), other, shared, tmp.resolve("other.staging"), clock);
                assertThatThrownBy(() -> restoring.restore("whole_cluster")).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("lacks the part(s) of node(s) [c2]")
                        .hasMessageContaining("Nothing was changed");
                assertThat(other.store().orderCount()).isZero();
            }
        } finally {
            uploaders.forEach(Snapshots.PART_UPLOADERS::remove);
            for (int i = cluster.size() - 1; i >= 0; i--) {
                cluster.get(i).close();
            }
        }
    }
}
