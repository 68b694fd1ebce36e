package org.nautilus.grid.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.GridCacheUtils;
import org.apache.ignite.lang.IgniteFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node added to the baseline and stopped before Ignite has finished rebalancing onto it starts again and ends with
 * every entry (real persistent nodes in this JVM). With Ignite's default the rebalancing runs with that node's WAL
 * off, and the same stop (if it lands before the rebalancing ends) leaves a node that cannot rejoin: the platform
 * turns that default off ({@link EmbeddedGrid#WAL_OFF_DURING_REBALANCING}).
 */
class RebalanceWalTest {

    private static final int DISCOVERY = 48970;
    private static final int COMMUNICATION = 49070;
    private static final int KEYS = 2_000;
    private static final String CACHE = "data";

    @TempDir
    Path dir;

    private final List<EmbeddedGrid> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        System.clearProperty(EmbeddedGrid.WAL_OFF_DURING_REBALANCING);
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private GridSettings node(int n) {
        return new GridSettings("w" + n, "w" + n, dir.resolve("w" + n).toAbsolutePath(), true,
                GridSettings.WalMode.LOG_ONLY, 128, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 2)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 1000, 30_000, false, "");
    }

    private EmbeddedGrid start(int n) {
        EmbeddedGrid grid = EmbeddedGrid.start(node(n), getClass().getClassLoader());
        running.add(grid);
        return grid;
    }

    private void stop(EmbeddedGrid grid) {
        grid.close();
        running.remove(grid);
    }

    /** What the node stopped mid-rebalance was like: whether its WAL was on for the cache while it rebalanced. */
    private record Stopped(EmbeddedGrid w1, boolean walOnWhileRebalancing) {
    }

    /**
     * w1 and w2 hold KEYS entries (one backup); w3 joins the baseline and, while Ignite is still rebalancing onto it
     * (slowed down: small batches with a pause between them), is stopped.
     */
    private Stopped w3StoppedWhileRebalancing() throws Exception {
        EmbeddedGrid w1 = start(1);
        start(2);
        w1.ignite().cluster().setBaselineTopology(new ArrayList<BaselineNode>(w1.ignite().cluster().forServers()
                .nodes()));
        w1.ignite().getOrCreateCache(new CacheConfiguration<Integer, byte[]>(CACHE)
                .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL).setBackups(1).setRebalanceBatchSize(2 * 1024)
                .setRebalanceThrottle(10));
        try (IgniteDataStreamer<Integer, byte[]> streamer = w1.ignite().dataStreamer(CACHE)) {
            for (int k = 0; k < KEYS; k++) {
                streamer.addData(k, value(k));
            }
        }
        EmbeddedGrid w3 = start(3);
        w1.ignite().cluster().setBaselineTopology(new ArrayList<BaselineNode>(w1.ignite().cluster().forServers()
                .nodes()));
        IgniteFuture<Boolean> rebalanced = w3.ignite().cache(CACHE).rebalance();
        // The node has started taking its partitions, and has not finished.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (w3.ignite().cache(CACHE).localSize(CachePeekMode.PRIMARY, CachePeekMode.BACKUP) == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(w3.ignite().cache(CACHE).localSize(CachePeekMode.PRIMARY, CachePeekMode.BACKUP)).isPositive();
        assertThat(rebalanced.isDone()).as("rebalancing onto w3 still running when it stops").isFalse();
        boolean walOn = ((IgniteEx) w3.ignite()).context().cache().cacheGroup(GridCacheUtils.cacheId(CACHE))
                .localWalEnabled();
        // A checkpoint in between, as Ignite makes by itself on a busy node: the partition files now hold part of it.
        ((IgniteEx) w3.ignite()).context().cache().context().database().wakeupForCheckpoint("test").get();
        stop(w3);
        return new Stopped(w1, walOn);
    }

    private static byte[] value(int k) {
        byte[] value = new byte[256];
        value[0] = (byte) k;
        value[1] = (byte) (k >> 8);
        return value;
    }

    @Test
    void aNodeStoppedWhileRebalancingOntoItStartsAgainWithEveryEntry() throws Exception {
        Stopped stopped = w3StoppedWhileRebalancing();
        assertThat(stopped.walOnWhileRebalancing()).as("w3's WAL on while it rebalanced").isTrue();
        EmbeddedGrid w1 = stopped.w1();

        EmbeddedGrid w3 = start(3);

        assertThat(w3.ignite().cluster().state().active()).isTrue();
        assertThat(w3.ignite().cache(CACHE).rebalance().get(60_000)).isTrue();
        assertThat(w3.ignite().cache(CACHE).localSize(CachePeekMode.PRIMARY, CachePeekMode.BACKUP)).isPositive();
        stop(w1);
        IgniteCache<Integer, byte[]> cache = w3.ignite().cache(CACHE);
        for (int k = 0; k < KEYS; k++) {
            assertThat(cache.get(k)).as("key %d", k).isEqualTo(value(k));
        }
    }

    /**
     * Ignite's default, for contrast: the WAL is off while the node rebalances. Stopped then (after a checkpoint), the
     * node usually cannot start again ("stopped in the middle of a checkpoint", maintenance mode); whether the stop
     * lands inside that window depends on timing, so only the cause is asserted, and the outcome printed.
     */
    @Test
    void withIgnitesDefaultTheWalIsOffWhileTheNodeRebalances() throws Exception {
        System.setProperty(EmbeddedGrid.WAL_OFF_DURING_REBALANCING, "true");
        Stopped stopped = w3StoppedWhileRebalancing();
        assertThat(stopped.walOnWhileRebalancing()).as("w3's WAL on while it rebalanced").isFalse();

        try {
            start(3);
            System.out.println("w3 started again (the stop came after its rebalancing had ended)");
        } catch (GridStartupException e) {
            assertThat(e).hasMessageContaining("Maintenance Mode");
            System.out.println("w3 did not start: " + e.getMessage());
        }
    }
}
