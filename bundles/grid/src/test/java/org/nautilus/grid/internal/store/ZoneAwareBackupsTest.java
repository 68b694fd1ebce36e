package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.ShutdownPolicy;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.node.TestClusters;

/**
 * Zone-aware backups with four real Ignite nodes in this JVM, two in zone "a" and two in zone "b" (the zone comes
 * from each node's {@link GridSettings#zone()}, published as a node attribute): every partition of the platform's
 * caches has its primary and its backup in different zones, so losing a whole zone at once loses no entry. The same
 * cluster with a cache created without zones puts both copies of some partitions in one zone and loses them.
 */
class ZoneAwareBackupsTest {

    /** Ports of this test only (other grid tests use 47xxx/48xxx): its nodes never meet another test's. */
    private static final int DISCOVERY = 49310;
    private static final int COMMUNICATION = 49410;
    private static final int NODES = 4;
    private static final int KEYS = 2_000;

    @TempDir
    Path dir;

    private final List<EmbeddedGrid> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        TestClusters.stopImmediately(running);
    }

    /** Node n (1-based) in zone a (1, 2) or b (3, 4); in memory, one backup, graceful shutdown. */
    private GridSettings node(int n, String zone) {
        return node(n, zone, 1);
    }

    private GridSettings node(int n, String zone, int backups) {
        return new GridSettings("z" + n, "z" + n, dir.resolve("z" + n).toAbsolutePath(), false,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + NODES - 1)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", backups, true, false, 10_000, 0, 60_000, true,
                zone);
    }

    private List<EmbeddedGrid> startZonesAandB() {
        for (int n = 1; n <= NODES; n++) {
            running.add(EmbeddedGrid.start(node(n, n <= 2 ? "a" : "b"), getClass().getClassLoader()));
        }
        assertThat(running.get(0).ignite().cluster().forServers().nodes()).hasSize(NODES);
        return List.copyOf(running);
    }

    @Test
    void everyPartitionHasItsPrimaryAndBackupInDifferentZones() {
        List<EmbeddedGrid> nodes = startZonesAandB();
        GridSettings zoned = nodes.get(0).settings();
        Ignite ignite = nodes.get(0).ignite();
        // Both shapes the platform uses: the trading group (256 partitions) and a cache of its own (1024).
        ignite.getOrCreateCache(asObjects(GridCaches.transactional("zoned-group", "zoned", zoned, "K", null)));
        ignite.getOrCreateCache(asObjects(GridCaches.transactional("zoned-alone", zoned, "K", null)));

        for (String cache : List.of("zoned-group", "zoned-alone")) {
            Affinity<Object> affinity = ignite.affinity(cache);
            for (int p = 0; p < affinity.partitions(); p++) {
                Collection<ClusterNode> copies = affinity.mapPartitionToPrimaryAndBackups(p);
                assertThat(copies).as("%s partition %d", cache, p).hasSize(2);
                assertThat(zones(copies)).as("zones of %s partition %d", cache, p).containsExactlyInAnyOrder("a", "b");
            }
        }
    }

    @Test
    void losingAZoneLosesNothingWithZonesAndLosesPartitionsWithout() {
        List<EmbeddedGrid> nodes = startZonesAandB();
        Ignite survivor = nodes.get(0).ignite();
        GridSettings zoned = nodes.get(0).settings();
        GridSettings unzoned = zoned.withZone(""); // the same cache settings without the backup filter
        IgniteCache<Integer, Integer> withZones = survivor.getOrCreateCache(
                asIntegers(GridCaches.transactional("with-zones", "with", zoned, "K", null)));
        IgniteCache<Integer, Integer> withoutZones = survivor.getOrCreateCache(
                asIntegers(GridCaches.transactional("without-zones", "without", unzoned, "K", null)));
        Affinity<Object> unfiltered = survivor.affinity("without-zones");
        int oneZoneOnly = 0;
        for (int p = 0; p < unfiltered.partitions(); p++) {
            oneZoneOnly += zones(unfiltered.mapPartitionToPrimaryAndBackups(p)).size() == 1 ? 1 : 0;
        }
        assertThat(oneZoneOnly).as("partitions with both copies in one zone, without the filter").isPositive();
        for (int k = 0; k < KEYS; k++) {
            withZones.put(k, k);
            withoutZones.put(k, k);
        }

        // Zone b fails whole: both of its nodes stop at once, without waiting for anything. Stopped one after the
        // other, a quiet machine could rebalance the unfiltered cache's lone copies between the two stops.
        survivor.cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE);
        EmbeddedGrid b2 = running.remove(3);
        EmbeddedGrid b1 = running.remove(2);
        CompletableFuture.allOf(CompletableFuture.runAsync(b2::close), CompletableFuture.runAsync(b1::close)).join();

        assertThat(survivor.cluster().forServers().nodes()).hasSize(2);
        assertThat(survivor.cache("with-zones").lostPartitions()).isEmpty();
        for (int k = 0; k < KEYS; k++) {
            assertThat(withZones.get(k)).as("key %d with zones", k).isEqualTo(k);
        }
        assertThat(survivor.cache("without-zones").lostPartitions()).as("lost without zones").isNotEmpty();
        // No backup doubles up in the surviving zone: a partition keeps one copy until a zone is back.
        Affinity<Object> affinity = survivor.affinity("with-zones");
        for (int p = 0; p < affinity.partitions(); p++) {
            assertThat(zones(affinity.mapPartitionToPrimaryAndBackups(p))).containsExactly("a");
            assertThat(affinity.mapPartitionToPrimaryAndBackups(p)).hasSize(1);
        }
    }

    /**
     * Graceful shutdown (the default): zone b is drained one node at a time, each stops at once because zone a holds
     * the other copy of its partitions. Then z2 is the only copy of its partitions: its stop waits, the data stays
     * readable, and it completes only once a node of zone b is back and has received a copy.
     */
    @Test
    void aNodeHoldingTheLastCopyWaitsUntilAnotherNodeHasItBeforeStopping() throws Exception {
        List<EmbeddedGrid> nodes = startZonesAandB();
        Ignite z1 = nodes.get(0).ignite();
        assertThat(z1.cluster().shutdownPolicy()).isEqualTo(ShutdownPolicy.GRACEFUL);
        assertThat(z1.cluster().localNode().<String> attribute(GridSettings.ZONE_ATTRIBUTE)).isEqualTo("a");
        IgniteCache<Integer, Integer> cache = z1.getOrCreateCache(
                asIntegers(GridCaches.transactional("graceful", "graceful", nodes.get(0).settings(), "K", null)));
        for (int k = 0; k < KEYS; k++) {
            cache.put(k, k);
        }
        running.remove(3).close();
        running.remove(2).close();
        EmbeddedGrid z2 = running.get(1);

        CompletableFuture<Void> z2Stops = CompletableFuture.runAsync(z2::close);
        // Long enough for an unconditional stop (tens of ms here); a graceful one is still waiting.
        assertThatThrownBy(() -> z2Stops.get(3, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(z1.cluster().forServers().nodes()).hasSize(2);

        running.add(EmbeddedGrid.start(node(3, "b"), getClass().getClassLoader()));
        z2Stops.get(60, TimeUnit.SECONDS);
        running.remove(z2);

        assertThat(z1.cache("graceful").lostPartitions()).isEmpty();
        for (int k = 0; k < KEYS; k++) {
            assertThat(cache.get(k)).as("key %d", k).isEqualTo(k);
        }
    }

    /** The embedded default: one node, no backups. Graceful must not wait for copies that can never exist. */
    @Test
    void aSingleNodeWithoutBackupsStopsAtOnce() throws Exception {
        GridSettings single = node(1, "", 0);
        assertThat(single.gracefulShutdown()).isTrue();
        assertThat(single.cacheBackups()).isZero();
        EmbeddedGrid node = EmbeddedGrid.start(single, getClass().getClassLoader());
        IgniteCache<Integer, Integer> cache = node.ignite().getOrCreateCache(
                asIntegers(GridCaches.transactional("single", "single", single, "K", null)));
        cache.put(1, 1);

        CompletableFuture.runAsync(node::close).get(30, TimeUnit.SECONDS);
    }

    private static Set<String> zones(Collection<ClusterNode> nodes) {
        Set<String> zones = new HashSet<>();
        for (ClusterNode node : nodes) {
            zones.add(node.attribute(GridSettings.ZONE_ATTRIBUTE));
        }
        return zones;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CacheConfiguration<Object, Object> asObjects(CacheConfiguration<BinaryObject, BinaryObject> cfg) {
        return (CacheConfiguration) cfg;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CacheConfiguration<Integer, Integer> asIntegers(CacheConfiguration<BinaryObject, BinaryObject> cfg) {
        return (CacheConfiguration) cfg;
    }
}
