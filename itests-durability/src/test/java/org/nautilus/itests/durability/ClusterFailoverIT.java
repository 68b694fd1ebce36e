package org.nautilus.itests.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three Karaf nodes on loopback forming one Ignite cluster (static discovery, one backup of every partition): a
 * follower drives a burst of orders through its forwarding OrderService, the node running the OMS is killed with
 * kill -9 mid-burst, the OMS resumes on a survivor; every acknowledged order is there exactly once (retried client
 * order ids created nothing twice), positions equal the sums of the fills; then the whole cluster is stopped and
 * started again with its state intact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverIT {

    static final Duration START = Duration.ofSeconds(240);
    /** {@code -Dfailover.signal=STOP}: freeze the OMS node instead of killing it (benchmarks/run.sh failover --hung). */
    static final boolean HUNG = "STOP".equals(System.getProperty("failover.signal", "KILL"));
    static final List<KarafNode> NODES = new ArrayList<>();

    @BeforeAll
    static void unpack() throws Exception {
        Path work = Path.of(System.getProperty("work", "target/durability"));
        for (int n = 1; n <= 3; n++) {
            // The probe (ClusterService -> cluster-status.properties) runs on every node; the load only with a plan.
            KarafNode node = KarafNode.clusterNode(work, "c" + n, 8640 + n, 49640 + n, 49740 + n,
                    "127.0.0.1:49641..49643");
            NODES.add(node);
        }
    }

    @AfterAll
    static void kill() throws Exception {
        for (KarafNode node : NODES) {
            node.close();
        }
    }

    @Test
    @Order(1)
    void the_OMS_node_killed_mid_burst_moves_to_a_survivor_and_nothing_acknowledged_is_lost_or_doubled()
            throws Exception {
        KarafNode first = NODES.get(0);
        first.start();
        first.awaitReady(START);
        NODES.get(1).start();
        NODES.get(2).start();
        NODES.get(1).awaitReady(START);
        NODES.get(2).awaitReady(START);
        Properties status = awaitStatus(first, s -> s.getProperty("nodes", "").split(",").length == 3
                && !s.getProperty("nodes").contains(":false:") && !s.getProperty("leader", "").isEmpty());
        String leader = status.getProperty("leader");
        assertThat(status.getProperty("backups")).isEqualTo("1");
        KarafNode oms = node(leader);
        KarafNode driver = NODES.stream().filter(n -> n != oms).findFirst().orElseThrow();
        Thread.sleep(3000); // rebalance of the first node's data to the new baseline

        Path acks = driver.home.resolve("durability-acks.csv");
        Files.writeString(driver.home.resolve("durability-load.properties"), "threads = 4\norders.per.thread = 1000\n"
                + "prefix = F\nlimit.every = 0\nacks = durability-acks.csv\nretry.ms = 60000\n");
        // FileInstall started the bundle long ago: restart it so it finds the plan.
        driver.admin("bundle:restart nautilus-itests-durability");
        waitFor(() -> lines(acks) >= 600, Duration.ofSeconds(180), "600 orders acknowledged through " + driver.home);
        long before = lines(acks);
        long killedAt = System.currentTimeMillis();
        if (HUNG) {
            oms.freeze();
        } else {
            oms.kill9();
        }
        waitFor(() -> lines(acks) > before + 10, Duration.ofSeconds(120), "orders acknowledged after the kill");
        waitFor(() -> Files.exists(driver.home.resolve("durability-acks.csv.done")), Duration.ofSeconds(240),
                "the burst to finish");
        List<String[]> acknowledged = readAcks(acks);
        long[] times = acknowledged.stream().mapToLong(a -> Long.parseLong(a[8])).sorted().toArray();
        long firstAfter = Arrays.stream(times).filter(t -> t > killedAt).min().orElseThrow();
        long longestGap = 0;
        for (int i = 1; i < times.length; i++) {
            longestGap = Math.max(longestGap, times[i] - times[i - 1]);
        }
        if (HUNG) {
            oms.kill9(); // the frozen node must not come back in the middle of the restart test
        }
        // benchmarks/run.sh failover reads this line.
        System.out.printf("cluster failover (%s): OMS on %s stopped answering after %d acknowledged orders; first "
                + "acknowledgement %.2f s later; longest gap between acknowledgements %.2f s%n",
                HUNG ? "hung node, kill -STOP" : "kill -9", leader, before, (firstAfter - killedAt) / 1e3,
                longestGap / 1e3);

        Properties after = awaitStatus(driver, s -> !s.getProperty("leader", "").isEmpty()
                && !s.getProperty("leader").equals(leader));
        assertThat(Long.parseLong(after.getProperty("epoch")))
                .isGreaterThan(Long.parseLong(status.getProperty("epoch")));
        assertThat(after.getProperty("lost")).isEqualTo("0");
        KarafNode.Result cluster = driver.admin("nautilus:cluster");
        assertThat(cluster.exitCode()).as(cluster.output()).isZero();
        assertThat(cluster.output()).contains("OMS on " + after.getProperty("leader"), "0 lost")
                .containsPattern("(?m)^\\s*" + leader + "\\s.*yes \\(offline\\)");

        assertThat(acknowledged).hasSize(4000);
        Map<String, String[]> rows = orders(driver);
        assertThat(rows).hasSize(4000);
        for (String[] ack : acknowledged) {
            String[] row = rows.get(ack[0]);
            assertThat(row).as("acknowledged order %s", ack[0]).isNotNull();
            assertThat(row[0]).as("order id of %s", ack[0]).isEqualTo(ack[1]);
            assertThat(row[10]).as("status of %s", ack[0]).isEqualTo(ack[2]);
        }
        KarafNode newLeader = node(after.getProperty("leader"));
        // When they differ, the usual suspect is a step the keeper did not see: say when each started.
        assertThat(positions(driver)).as("positions on %s (the OMS on %s: %s)", driver.home, newLeader.home,
                newLeader.log().lines().filter(l -> l.contains("position keeper started") || l.contains("OMS started"))
                        .toList())
                .isEqualTo(sumsOfFills(rows));
        assertThat(driver.log() + newLeader.log())
                .contains("runs the OMS now (leadership epoch");
    }

    @Test
    @Order(2)
    void a_cluster_stopped_whole_starts_again_with_its_state_intact() throws Exception {
        KarafNode driver = NODES.stream().filter(n -> {
            try {
                return n.pid() > 0;
            } catch (IOException e) {
                return false;
            }
        }).findFirst().orElseThrow();
        Map<String, String[]> before = orders(driver);
        Map<String, BigDecimal> positionsBefore = positions(driver);
        for (KarafNode node : NODES) {
            node.stop();
        }
        for (KarafNode node : NODES) {
            node.start();
        }
        for (KarafNode node : NODES) {
            node.awaitReady(START);
        }
        Map<String, String[]> after = orders(NODES.get(2));
        assertThat(after.keySet()).as("orders after the restart (%d) against before it (%d): missing %s, new %s",
                after.size(), before.size(), difference(before.keySet(), after.keySet()),
                difference(after.keySet(), before.keySet())).isEqualTo(before.keySet());
        for (Map.Entry<String, String[]> e : before.entrySet()) {
            assertThat(after.get(e.getKey())).as("order %s", e.getKey()).containsExactly(e.getValue());
        }
        // Read at once after READY. A whole-cache scan, which reads each node's primary partitions unreserved, once
        // missed a portfolio's positions here for a minute while the restarted nodes' partitions moved; the store
        // scans one reserved partition at a time now.
        assertThat(positions(NODES.get(0))).isEqualTo(positionsBefore);
    }

    /**
     * A node whose grid cannot start on its own data (issue 17's incomplete baseline history, here damaged page
     * files, which fail the start just as deterministically) holds the restarted cluster up; nautilus:cluster-rejoin
     * says what it will do, then brings the node back empty and its partitions come back from the backups.
     */
    @Test
    @Order(3)
    void a_node_that_cannot_use_its_data_rejoins_empty_with_nautilus_cluster_rejoin() throws Exception {
        KarafNode broken = NODES.get(2);
        Map<String, String[]> before = orders(NODES.get(0));
        Map<String, BigDecimal> positionsBefore = positions(NODES.get(0));
        for (KarafNode node : NODES) {
            node.stop();
        }
        Path pages = broken.home.resolve("data/ignite/db/c3/cacheGroup-nautilus-trading");
        byte[] garbage = new byte[8192];
        new Random(17).nextBytes(garbage);
        try (Stream<Path> files = Files.list(pages)) {
            for (Path part : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                Files.write(part, garbage);
            }
        }
        int logMark = broken.log().length();
        for (KarafNode node : NODES) {
            node.start();
        }
        waitFor(() -> broken.log().substring(logMark).contains("Nautilus grid not started"), START,
                "c3's grid to fail on its data");

        KarafNode.Result plan = broken.admin("nautilus:cluster-rejoin");
        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(plan.output()).contains("Node c3", "move ", "/data/ignite to ",
                "backup cop", "Nothing done");
        assertThat(Files.isDirectory(broken.home.resolve("data/ignite"))).isTrue();

        KarafNode.Result done = broken.admin("nautilus:cluster-rejoin --yes");
        assertThat(done.exitCode()).as(done.output()).isZero();
        assertThat(done.output()).contains("Moved ", ".discarded-");
        for (KarafNode node : NODES) {
            node.awaitReady(START);
        }
        Map<String, String[]> after = orders(broken);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (Map.Entry<String, String[]> e : before.entrySet()) {
            assertThat(after.get(e.getKey())).as("order %s", e.getKey()).containsExactly(e.getValue());
        }
        assertThat(positions(broken)).isEqualTo(positionsBefore);
        Properties status = awaitStatus(broken, s -> "0".equals(s.getProperty("lost"))
                && s.getProperty("nodes", "").split(",").length == 3);
        assertThat(status.getProperty("lost")).isEqualTo("0");
        // Refused while the grid runs: its data is in use.
        KarafNode.Result refused = broken.admin("nautilus:cluster-rejoin");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("the grid runs on this node");
    }

    // ------------------------------------------------------------------ helpers

    private static KarafNode node(String id) {
        return NODES.get(Integer.parseInt(id.substring(1)) - 1);
    }

    static Properties awaitStatus(KarafNode node, Predicate<Properties> condition)
            throws Exception {
        Path file = node.home.resolve("cluster-status.properties");
        long deadline = System.nanoTime() + START.toNanos();
        Properties last = new Properties();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (Reader in = Files.newBufferedReader(file)) {
                    p.load(in);
                } catch (IOException e) {
                    continue;
                }
                last = p;
                if (condition.test(p)) {
                    return p;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("cluster status of " + node.home + " never matched; last: " + last + "\n"
                + node.logsOfEveryNode());
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, Duration timeout, String what) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file).chars().filter(c -> c == '\n').count() : 0;
    }

    static List<String[]> readAcks(Path file) throws IOException {
        List<String[]> acks = new ArrayList<>();
        for (String line : Files.readString(file, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                acks.add(line.split(","));
            }
        }
        return acks;
    }

    /** nautilus:orders by client order id (each must appear once). */
    private static Map<String, String[]> orders(KarafNode node) throws Exception {
        KarafNode.Result result = node.admin("nautilus:orders");
        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, String[]> rows = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (List<String> cells : KarafNode.table(result.output())) {
            assertThat(seen.add(cells.get(1))).as("client order id %s appears once", cells.get(1)).isTrue();
            rows.put(cells.get(1), cells.toArray(new String[0]));
        }
        return rows;
    }

    /** What {@code of} holds that {@code other} does not, sorted (a 4,000-order set printed whole says nothing). */
    private static Set<String> difference(Set<String> of, Set<String> other) {
        Set<String> only = new TreeSet<>(of);
        only.removeAll(other);
        return only;
    }

    private static Map<String, BigDecimal> positions(KarafNode node) throws Exception {
        KarafNode.Result result = node.admin("nautilus:positions");
        assertThat(result.exitCode()).as(result.output()).isZero();
        Map<String, BigDecimal> positions = new TreeMap<>();
        for (List<String> cells : KarafNode.table(result.output())) {
            BigDecimal quantity = new BigDecimal(cells.get(2));
            if (quantity.signum() != 0) {
                positions.put(cells.get(0) + "/" + cells.get(1), quantity);
            }
        }
        return positions;
    }

    private static Map<String, BigDecimal> sumsOfFills(Map<String, String[]> rows) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (String[] row : rows.values()) {
            BigDecimal filled = new BigDecimal(row[8]);
            sums.merge(row[2] + "/" + row[3], row[4].equals("BUY") ? filled : filled.negate(), BigDecimal::add);
        }
        sums.values().removeIf(q -> q.signum() == 0);
        return sums;
    }
}
