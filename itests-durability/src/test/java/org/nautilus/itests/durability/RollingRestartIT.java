package org.nautilus.itests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of three Karaf nodes on loopback (one Ignite cluster, one backup of every partition, graceful
 * shutdown policy) under an open-loop order load on every node ({@code -Droll.rate}, default 1,000 orders/s in
 * all): each node in turn is stopped with {@code bin/stop}, started, and waited for until it is READY and holds
 * partitions again; its load resumes once it is back. Every acknowledged order of every node is then looked up in
 * the OMS (in process, {@code AckVerifier}): none may be missing. Printed for {@code benchmarks/run.sh rolling}:
 * the rate reached, orders lost, the longest pause between acknowledgements during the roll, p50/p99 ack latency
 * before and during the roll.
 */
class RollingRestartIT {

    static final Duration START = Duration.ofSeconds(240);
    static final double RATE = Double.parseDouble(System.getProperty("roll.rate", "1000"));
    static final int WARMUP_SECONDS = Integer.getInteger("roll.warmup", 20);
    /**
     * Load threads per node, each blocking on its acknowledgement: with a durable cluster commit of ~250 ms on a
     * loaded machine, 4 threads per node reach ~40 orders/s in all, whatever the rate asked; more threads keep more
     * orders in flight ({@code benchmarks/run.sh rolling RATE THREADS}).
     */
    static final int THREADS = Integer.getInteger("roll.threads", 4);
    static final List<KarafNode> NODES = new ArrayList<>();

    @BeforeAll
    static void unpack() throws Exception {
        Path work = Path.of(System.getProperty("work", "target/durability"));
        for (int n = 1; n <= 3; n++) {
            KarafNode node = KarafNode.clusterNode(work, "r" + n, 8660 + n, 49660 + n, 49760 + n,
                    "127.0.0.1:49661..49663");
            // A stopping node waits until its partitions have another up-to-date copy (the Kubernetes setting).
            node.configure("nautilus.grid", "shutdown.policy", "graceful");
            NODES.add(node);
        }
    }

    @AfterAll
    static void kill() throws Exception {
        for (KarafNode node : NODES) {
            node.close();
        }
    }

    /** Starts (or resumes) the load on {@code node}: its share of the rate, acknowledgements to {@code acks}. */
    private static void load(KarafNode node, String prefix, String acks) throws Exception {
        Files.writeString(node.home.resolve("durability-load.properties"), "threads = " + THREADS + "\nseconds = 3600\n"
                + "rate = " + RATE / NODES.size() + "\nprefix = " + prefix + "\nlimit.every = 0\nacks = " + acks
                + "\nretry.ms = 60000\n");
        KarafNode.Result restarted = node.admin("bundle:restart nautilus-itests-durability");
        assertThat(restarted.exitCode()).as(restarted.output()).isZero();
    }

    private static String id(KarafNode node) {
        return node.home.getFileName().toString();
    }

    /** Waits until every node is online and in the baseline, nothing is lost, and {@code node} holds partitions. */
    private static Properties awaitBalanced(KarafNode observer, KarafNode node) throws Exception {
        String id = id(node);
        return ClusterFailoverIT.awaitStatus(observer, s -> {
            String[] nodes = s.getProperty("nodes", "").split(",");
            if (nodes.length != 3 || s.getProperty("nodes").contains(":false:") || !"0".equals(s.getProperty("lost"))
                    || s.getProperty("leader", "").isEmpty() || !s.getProperty("offline", "").isEmpty()) {
                return false;
            }
            return Arrays.stream(nodes).anyMatch(n -> n.startsWith(id + ":true:") && !n.endsWith(":0:0"));
        });
    }

    @Test
    void a_rolling_restart_under_load_loses_no_acknowledged_order() throws Exception {
        for (KarafNode node : NODES) {
            node.start();
        }
        for (KarafNode node : NODES) {
            node.awaitReady(START);
        }
        Properties status = awaitBalanced(NODES.get(0), NODES.get(2));
        String firstLeader = status.getProperty("leader");
        Thread.sleep(3000);

        for (KarafNode node : NODES) {
            load(node, "A" + id(node), "acks-" + id(node) + "-0.csv");
        }
        Thread.sleep(WARMUP_SECONDS * 1000L);
        long rollStart = System.currentTimeMillis();
        List<String> steps = new ArrayList<>();
        int round = 1;
        for (KarafNode node : NODES) {
            long t0 = System.currentTimeMillis();
            node.stop();
            long stopped = System.currentTimeMillis();
            node.start();
            node.awaitReady(START);
            KarafNode observer = NODES.get((NODES.indexOf(node) + 1) % NODES.size());
            awaitBalanced(observer, node);
            long back = System.currentTimeMillis();
            steps.add(String.format("%s stop %.1f s, start to balanced %.1f s", id(node), (stopped - t0) / 1e3,
                    (back - stopped) / 1e3));
            load(node, "R" + round + id(node), "acks-" + id(node) + "-" + round + ".csv");
            round++;
            Thread.sleep(5000);
        }
        long rollEnd = System.currentTimeMillis();
        Thread.sleep(5000);
        for (KarafNode node : NODES) {
            node.admin("bundle:stop nautilus-itests-durability");
        }

        // Every acknowledgement of every node, checked in the OMS of one node.
        KarafNode checker = NODES.get(0);
        Path verify = checker.home.resolve("verify-acks");
        Files.createDirectories(verify);
        List<String[]> acks = new ArrayList<>();
        for (KarafNode node : NODES) {
            try (Stream<Path> files = Files.list(node.home)) {
                for (Path f : files.filter(f -> f.getFileName().toString().matches("acks-.*\\.csv")).toList()) {
                    acks.addAll(ClusterFailoverIT.readAcks(f));
                    Files.copy(f, verify.resolve(f.getFileName()));
                }
            }
        }
        Files.deleteIfExists(checker.home.resolve("verify-acks.result"));
        checker.admin("bundle:start nautilus-itests-durability");
        ClusterFailoverIT.waitFor(() -> Files.exists(checker.home.resolve("verify-acks.result")), Duration.ofMinutes(5),
                "the acknowledged orders to be checked");
        Properties result = new Properties();
        try (Reader in = Files.newBufferedReader(checker.home.resolve("verify-acks.result"))) {
            result.load(in);
        }

        long[] times = acks.stream().mapToLong(a -> Long.parseLong(a[8])).sorted().toArray();
        long longestGap = 0;
        for (int i = 1; i < times.length; i++) {
            if (times[i] >= rollStart && times[i - 1] <= rollEnd) {
                longestGap = Math.max(longestGap, times[i] - times[i - 1]);
            }
        }
        long[] before = latencies(acks, rollStart - WARMUP_SECONDS * 1000L + 5000, rollStart);
        long[] during = latencies(acks, rollStart, rollEnd);
        long beforeCount = Arrays.stream(times).filter(t -> t < rollStart).count();
        double rate = beforeCount / (WARMUP_SECONDS - 0.0);
        // benchmarks/run.sh rolling reads these lines.
        System.out.printf(
                "rolling restart: target %.0f orders/s (%d threads per node), reached %.0f orders/s before the "
                        + "roll; %d orders "
                        + "acknowledged, %s lost, %s with another order id; roll took %.1f s (%s); longest gap between "
                        + "acknowledgements during the roll %.2f s; ack latency p50/p99 before %.2f/%.2f ms, during "
                        + "%.2f/%.2f ms; OMS first on %s%n",
                RATE, THREADS, rate, acks.size(), result.getProperty("missing"),
                result.getProperty("wrong"), (rollEnd - rollStart) / 1e3, String.join("; ", steps),
                longestGap / 1e3, pct(before, 50), pct(before, 99), pct(during, 50), pct(during, 99), firstLeader);

        assertThat(Long.parseLong(result.getProperty("checked"))).isEqualTo(acks.size()).isPositive();
        assertThat(result.getProperty("missing"))
                .as("acknowledged orders missing: " + result.getProperty("missing.first"))
                .isEqualTo("0");
        assertThat(result.getProperty("wrong")).as(result.getProperty("wrong.first")).isEqualTo("0");
        assertThat(during).as("orders were acknowledged during the roll").isNotEmpty();
    }

    private static long[] latencies(List<String[]> acks, long from, long to) {
        return acks.stream().filter(a -> a.length > 9).filter(a -> {
            long t = Long.parseLong(a[8]);
            return t >= from && t < to;
        }).mapToLong(a -> Long.parseLong(a[9])).sorted().toArray();
    }

    private static double pct(long[] sortedMicros, int percentile) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedMicros.length - 1, Math.ceil(percentile / 100.0 * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, index)] / 1e3;
    }

}
