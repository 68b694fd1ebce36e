package org.nautilus.benchmarks.rebalance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.nautilus.benchmarks.durable.DurableMain;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;

/**
 * What keeping the WAL on while Ignite rebalances onto a node added to the baseline would cost
 * ({@code IGNITE_DISABLE_WAL_DURING_REBALANCING=false}; Ignite's default, which the platform keeps, turns it off, and
 * a node stopped before that rebalancing ends cannot start again). Three persistent nodes in this JVM on loopback (WAL FSYNC, as the store):
 * two hold N entries of 512 bytes with one backup, the third joins the baseline; the time until it has rebalanced,
 * WAL off and WAL on alternated, each on fresh directories. Arguments: entries (default 100,000), runs (default 3).
 */
public final class RebalanceMain {

    private static final String PROPERTY = "IGNITE_DISABLE_WAL_DURING_REBALANCING";
    private static final String CACHE = "rebalanced";

    private RebalanceMain() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Double> off = new ArrayList<>();
        List<Double> on = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (boolean walOff : new boolean[] {true, false}) {
                double seconds = run(entries, walOff);
                (walOff ? off : on).add(seconds);
                System.out.printf("run %d: WAL %s during rebalancing: %,d entries onto the new node in %.2f s%n", run,
                        walOff ? "off" : "on", entries, seconds);
            }
        }
        System.out.printf("rebalance: WAL off %s s, WAL on %s s (%d runs, %,d entries of 512 B)%n", spread(off),
                spread(on), runs, entries);
    }

    private static String spread(List<Double> seconds) {
        return String.format("%.2f-%.2f", seconds.stream().mapToDouble(d -> d).min().orElse(0),
                seconds.stream().mapToDouble(d -> d).max().orElse(0));
    }

    private static GridSettings node(Path dir, int n) {
        return new GridSettings("rb" + n, "rb" + n, dir.resolve("rb" + n).toAbsolutePath(), true,
                GridSettings.WalMode.FSYNC, 512, 64, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:48795..48797"), 48795 + n - 1, 0, 48895 + n - 1, "nautilus", "nautilus-grid", 1,
                n == 1, false, 10_000, 0, 60_000, false, "");
    }

    private static double run(int entries, boolean walOff) throws Exception {
        System.setProperty(PROPERTY, Boolean.toString(walOff));
        Path dir = Files.createTempDirectory("nautilus-rebalance-bench");
        List<EmbeddedGrid> nodes = new ArrayList<>();
        try {
            EmbeddedGrid second = EmbeddedGrid.start(node(dir, 2), RebalanceMain.class.getClassLoader());
            nodes.add(second);
            EmbeddedGrid first = EmbeddedGrid.start(node(dir, 1), RebalanceMain.class.getClassLoader());
            nodes.add(first);
            first.ignite().getOrCreateCache(new CacheConfiguration<Integer, byte[]>(CACHE)
                    .setAtomicityMode(CacheAtomicityMode.TRANSACTIONAL).setBackups(1));
            try (IgniteDataStreamer<Integer, byte[]> streamer = first.ignite().dataStreamer(CACHE)) {
                for (int k = 0; k < entries; k++) {
                    byte[] value = new byte[512];
                    value[0] = (byte) k;
                    streamer.addData(k, value);
                }
            }
            EmbeddedGrid third = EmbeddedGrid.start(node(dir, 3), RebalanceMain.class.getClassLoader());
            nodes.add(third);
            long t0 = System.nanoTime();
            first.ignite().cluster().setBaselineTopology(new ArrayList<BaselineNode>(first.ignite().cluster()
                    .forServers().nodes()));
            third.ignite().cache(CACHE).rebalance().get();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long held = third.ignite().cache(CACHE).localSize(CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
            if (held == 0) {
                throw new IllegalStateException("the new node holds nothing after rebalancing");
            }
            return seconds;
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
            DurableMain.delete(dir);
        }
    }
}
