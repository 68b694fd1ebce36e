package org.nautilus.benchmarks.features;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.ShutdownPolicy;
import org.apache.ignite.cache.affinity.Affinity;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.store.BackfillRequest;
import org.nautilus.api.research.store.ClusterBackfillResult;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.grid.internal.features.GridBackfill;
import org.nautilus.grid.internal.features.GridFeatureCache;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.store.DatePartition;
import org.nautilus.research.internal.store.DuckDbFactorStore;
import org.nautilus.research.internal.store.FactorBackfillComponent;
import org.nautilus.research.internal.store.FactorStoreConfig;

/**
 * The distributed backfill in separate JVMs on loopback: Alpha158 over N GENERATED instruments backfilled by one
 * node, then by three (this JVM and two child JVMs, each a real Ignite server node with its own DuckDB factor store
 * in its own directory, all reading the same bar files). Prints each run's wall time, each node's share (instruments,
 * values, its own time), the speed-up, and whether the three stores together hold exactly the values the single
 * node wrote (a SHA-256 over every value's factor, instrument, time and raw bits).
 *
 * <p>Arguments: instruments (200), days (1000), nodes (3). {@code node N DIR NODES} is a child's entry point.
 */
public final class BackfillClusterMain {

    private static final int DISCOVERY = 49870;
    private static final int COMMUNICATION = 49880;
    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // Ignite's threads would keep a failed run's JVM (and its ports) alive
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("node")) {
            child(Integer.parseInt(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            return;
        }
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int nodes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory("nautilus-backfill-cluster");
        System.out.printf(Locale.ROOT, "%d cores, %s %s; Alpha158 over %d GENERATED instruments x %d days; 1 node,"
                + " then %d nodes in %d JVMs on loopback (%s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), instruments, days, nodes,
                nodes, dir);
        writeBars(dir, instruments, days);
        BackfillRequest request = new BackfillRequest(Set.of("alpha158"), Set.of(), TimeRange.ALL);

        Node single = Node.start(dir.resolve("one"), "one", 1, 1, sources(dir));
        ClusterBackfillResult one = single.backfill.backfill(request, line -> {});
        single.stop();
        String oneDigest = digest(List.of(dir.resolve("one/store")));
        print("1 node ", one);

        List<Process> children = new ArrayList<>();
        for (int n = 2; n <= nodes; n++) {
            children.add(spawn(n, dir.resolve("three"), nodes));
        }
        Node first = Node.start(dir.resolve("three"), "three", 1, nodes, sources(dir));
        try {
            first.awaitServers(nodes);
            awaitChildren(dir.resolve("three"), nodes); // their backfills are registered, not only their nodes
            ClusterBackfillResult many = first.backfill.backfill(request, line -> {});
            print(nodes + " nodes", many);
            first.stop();
            for (Process child : children) {
                child.destroy();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            List<Path> stores = new ArrayList<>();
            for (int n = 1; n <= nodes; n++) {
                stores.add(dir.resolve("three/store" + (n == 1 ? "" : "-" + n)));
            }
            String manyDigest = digest(stores);
            System.out.printf(Locale.ROOT, "values: 1 node %,d, %d nodes %,d; digest of every value 1 node %s, %d nodes"
                    + " %s: %s%n", one.values(), nodes, many.values(), oneDigest.substring(0, 16), nodes,
                    manyDigest.substring(0, 16), oneDigest.equals(manyDigest) ? "IDENTICAL" : "DIFFERENT");
            double speedup = one.elapsed().toNanos() / (double) many.elapsed().toNanos();
            System.out.printf(Locale.ROOT, "backfill-cluster: %.2f x speed-up with %d nodes%n", speedup, nodes);
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    /** Each child prints "node N up" once its backfill waits for jobs. */
    private static void awaitChildren(Path dir, int nodes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        for (int n = 2; n <= nodes; n++) {
            Path log = dir.resolve("node" + n + ".log");
            while (!Files.exists(log) || !Files.readString(log).contains("node " + n + " up")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + n + " did not come up; see " + log);
                }
                Thread.sleep(100);
            }
        }
    }

    private static void print(String what, ClusterBackfillResult result) {
        System.out.printf(Locale.ROOT, "%s: %,d instruments, %,d values in %.2f s wall%n", what, result.instruments(),
                result.values(), result.elapsed().toMillis() / 1000.0);
        for (ClusterBackfillResult.NodeShare share : result.shares()) {
            System.out.printf(Locale.ROOT, "  %-8s %3d partitions, %4d instruments, %,11d values, %.2f s%s%n",
                    share.node(), share.partitions(), share.instruments(), share.values(),
                    share.elapsed().toMillis() / 1000.0,
                    share.failures().isEmpty() ? "" : " FAILURES " + share.failures());
        }
    }

    /** A child JVM: node {@code n} of the cluster, serving compute jobs until it is destroyed. */
    private static void child(int n, Path dir, int nodes) throws Exception {
        Node node = Node.start(dir, "three", n, nodes, sources(dir.getParent()));
        System.out.println("node " + n + " up");
        Thread.sleep(Long.MAX_VALUE);
        node.stop();
    }

    private static Process spawn(int n, Path dir, int nodes) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-D")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx1g", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                BackfillClusterMain.class.getName(), "node", String.valueOf(n), dir.toString(), String.valueOf(nodes)));
        Files.createDirectories(dir);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("node" + n + ".log").toFile()).start();
    }

    /** One server node with its own store and backfill, as the distribution wires them. */
    private record Node(EmbeddedGrid grid, DuckDbFactorStore store, GridFeatureCache cache, GridBackfill backfill) {

        static Node start(Path dir, String name, int n, int nodes, String sources) {
            GridSettings settings = new GridSettings(name + n, name + n, dir.resolve("grid" + n).toAbsolutePath(),
                    false,
                    GridSettings.WalMode.LOG_ONLY, 256, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                    List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + nodes - 1)), DISCOVERY + n - 1, 0,
                    COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 0, 60_000, true, null);
            EmbeddedGrid grid = EmbeddedGrid.start(settings, BackfillClusterMain.class.getClassLoader());
            DuckDbFactorStore store = DuckDbFactorStore.open(dir.resolve(n == 1 ? "store" : "store-" + n),
                    DatePartition.YEAR, 1);
            FactorBackfillComponent local = new FactorBackfillComponent(store, config(sources));
            local.addLibrary(new Alpha158Library());
            GridFeatureCache cache = new GridFeatureCache(grid);
            return new Node(grid, store, cache, new GridBackfill(grid, local, cache));
        }

        void awaitServers(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            Affinity<Object> affinity = grid.ignite().affinity(GridFeatureCache.CACHE);
            while (true) {
                var servers = grid.ignite().cluster().forServers().nodes();
                boolean ready = servers.size() == count
                        && servers.stream().allMatch(node -> affinity.primaryPartitions(node).length > 0);
                if (ready) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cluster did not form: " + servers.size() + " of " + count
                            + " servers with primary partitions (see the node*.log files)");
                }
                Thread.sleep(100);
            }
        }

        void stop() {
            // the benchmark's nodes hold nothing to keep: a single node would otherwise wait for backups forever
            grid.ignite().cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE);
            cache.close();
            store.close();
            grid.close();
        }
    }

    private static FactorStoreConfig config(String sources) {
        return (FactorStoreConfig) Proxy.newProxyInstance(FactorStoreConfig.class.getClassLoader(),
                new Class<?>[] {FactorStoreConfig.class},
                (proxy, method, a) -> method.getName().equals("backfill_sources")
                        ? sources
                        : method.getDefaultValue());
    }

    private static String sources(Path dir) throws IOException {
        StringBuilder sources = new StringBuilder();
        try (var files = Files.list(dir.resolve("bars"))) {
            for (Path file : files.sorted().toList()) {
                String symbol = file.getFileName().toString().replace(".csv", "");
                sources.append(sources.length() == 0 ? "" : ";").append(symbol).append(" | ").append(file)
                        .append(" | P1D");
            }
        }
        return sources.toString();
    }

    private static void writeBars(Path dir, int instruments, int days) throws IOException {
        Path bars = Files.createDirectories(dir.resolve("bars"));
        for (int i = 0; i < instruments; i++) {
            BarColumns c = GeneratedBars.instrument(i, days);
            StringBuilder csv = new StringBuilder(days * 48).append("date,open,high,low,close,volume\n");
            LocalDate day = LocalDate.of(2010, 1, 4);
            for (int d = 0; d < days; d++) {
                csv.append(day.plusDays(d)).append(',').append(c.open()[d]).append(',').append(c.high()[d]).append(',')
                        .append(c.low()[d]).append(',').append(c.close()[d]).append(',').append((long) c.volume()[d])
                        .append('\n');
            }
            Files.writeString(bars.resolve(String.format(Locale.ROOT, "GEN%04d.csv", i)), csv);
        }
    }

    /** SHA-256 over every stored value of the stores together, sorted (factor, instrument, time, raw bits). */
    private static String digest(List<Path> storeDirectories) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Path directory : storeDirectories) {
            try (DuckDbFactorStore store = DuckDbFactorStore.open(directory, DatePartition.YEAR, 1)) {
                if (store.instruments().isEmpty()) {
                    continue;
                }
                for (String factor : store.factors()) {
                    for (FactorValue v : store.history(factor, List.of(), DAILY, TimeRange.ALL,
                            Instant.parse("2100-01-01T00:00:00Z"))) {
                        lines.add(factor + " " + v.instrument().value() + " " + v.asOf() + " "
                                + Long.toHexString(Double.doubleToRawLongBits(v.value())));
                    }
                }
            }
        }
        lines.sort(null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String line : lines) {
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest()) + " (" + lines.size() + ")";
    }
}
