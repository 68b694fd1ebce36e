package org.nautilus.grid.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignite;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.testsupport.Await;

/**
 * The OMS singleton leaves a stopping node while that node is still in the cluster (real Ignite nodes in this JVM):
 * the singleton starts on another node, the stopping one's instance is cancelled, and the exclusion does not outlive
 * the node (a restarted node, with a new id, can hold it again).
 */
class SingletonHandoverTest {

    private static final int DISCOVERY = 48960;
    private static final int COMMUNICATION = 49060;
    private static final String NAME = "handover-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Started and cancelled instances by Ignite instance name (every node runs in this JVM). */
    static final Map<String, AtomicInteger> STARTED = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> CANCELLED = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    private final List<EmbeddedGrid> running = new ArrayList<>();

    @BeforeEach
    void clear() {
        STARTED.clear();
        CANCELLED.clear();
    }

    @AfterEach
    void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private EmbeddedGrid start(int n) {
        GridSettings settings = new GridSettings("h" + n, "h" + n, dir.resolve("h" + n).toAbsolutePath(), false,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 2)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 1000, 60_000, false, "");
        EmbeddedGrid grid = EmbeddedGrid.start(settings, getClass().getClassLoader());
        running.add(grid);
        return grid;
    }

    private void stop(EmbeddedGrid grid) {
        grid.close();
        running.remove(grid);
    }

    private static SingletonHandover handover(EmbeddedGrid grid) {
        return new SingletonHandover(grid.ignite(), NAME, Recorder::new);
    }

    private static int count(Map<String, AtomicInteger> counts, EmbeddedGrid grid) {
        return counts.getOrDefault(grid.ignite().name(), new AtomicInteger()).get();
    }

    /** The node whose service instance runs (every node's view of the assignment agrees by then). */
    private EmbeddedGrid holderAmong(List<EmbeddedGrid> grids) throws InterruptedException {
        Await.until("one node runs the singleton", TIMEOUT,
                () -> grids.stream().filter(g -> g.ignite().services().service(NAME) != null).count() == 1
                        && grids.stream().allMatch(g -> handover(g).holder().isPresent()));
        return grids.stream().filter(g -> g.ignite().services().service(NAME) != null).findFirst().orElseThrow();
    }

    @Test
    void theSingletonMovesOffTheStoppingNodeWhileItIsStillInTheCluster() throws Exception {
        List<EmbeddedGrid> grids = List.of(start(1), start(2), start(3));
        handover(grids.get(0)).deploy();
        Await.until("the singleton assigned", TIMEOUT, () -> handover(grids.get(0)).holder().isPresent());
        EmbeddedGrid stopping = holderAmong(grids);
        Await.until("the singleton started", TIMEOUT, () -> count(STARTED, stopping) == 1);

        Optional<UUID> moved = handover(stopping).handOver(TIMEOUT);

        assertThat(moved).isPresent().isNotEqualTo(Optional.of(stopping.ignite().cluster().localNode().id()));
        EmbeddedGrid next = holderAmong(grids);
        assertThat(next).isNotSameAs(stopping);
        assertThat(count(CANCELLED, stopping)).isEqualTo(1);
        Await.until("the singleton started on its new node", TIMEOUT, () -> count(STARTED, next) == 1);
        assertThat(stopping.ignite().cluster().forServers().nodes()).hasSize(3);
        // Deploying it again without the filter (what every node does when it starts) neither fails nor moves it.
        handover(stopping).deploy();
        handover(next).deploy();
        assertThat(holderAmong(grids)).isSameAs(next);
        assertThat(count(STARTED, stopping)).isEqualTo(1);
        // Only the holder hands it over.
        assertThat(handover(stopping).handOver(TIMEOUT)).isEmpty();
        assertThat(holderAmong(grids)).isSameAs(next);
    }

    @Test
    void aRestartedNodeCanHoldTheSingletonAgain() throws Exception {
        EmbeddedGrid first = start(1);
        EmbeddedGrid second = start(2);
        handover(first).deploy();
        Await.until("the singleton assigned", TIMEOUT, () -> handover(first).holder().isPresent());
        EmbeddedGrid holder = holderAmong(List.of(first, second));
        EmbeddedGrid other = holder == first ? second : first;
        int holderNumber = holder == first ? 1 : 2;

        assertThat(handover(holder).handOver(TIMEOUT)).contains(other.ignite().cluster().localNode().id());
        stop(holder);
        EmbeddedGrid restarted = start(holderNumber);
        // The restarted node has joined fully (it sees where the singleton runs) before the holder leaves.
        Await.until("the restarted node sees the singleton on the other", TIMEOUT, () -> handover(restarted).holder()
                .equals(Optional.of(other.ignite().cluster().localNode().id())));
        stop(other);

        // The filter excluded the old node id only: the restarted node can hold the singleton. Ignite reassigns it
        // by itself, mostly; when it assigned it to no node (seen under load), the repair every node's
        // ClusterComponent runs deploys it again.
        // The repair runs again and again, as ClusterComponent's does: a single call could come before the singleton
        // was stranded and see nothing to do (seen in a full build).
        UUID restartedId = restarted.ignite().cluster().localNode().id();
        try {
            Await.until("the singleton on the restarted node", Duration.ofSeconds(10),
                    () -> handover(restarted).holder().equals(Optional.of(restartedId)));
        } catch (AssertionError strandedByIgnite) {
            Await.until("the singleton on the restarted node, deployed again by the repair", TIMEOUT, () -> {
                if (handover(restarted).holder().equals(Optional.of(restartedId))) {
                    return true;
                }
                handover(restarted).repair();
                return false;
            });
        }
        Await.until("the singleton started there", TIMEOUT, () -> count(STARTED, restarted) == 2);
    }

    @Test
    void aNodeAloneKeepsTheSingleton() throws Exception {
        EmbeddedGrid alone = start(1);
        handover(alone).deploy();
        Await.until("the singleton assigned", TIMEOUT, () -> handover(alone).holder().isPresent());

        assertThat(handover(alone).handOver(TIMEOUT)).isEmpty();
        assertThat(handover(alone).holder()).contains(alone.ignite().cluster().localNode().id());
        assertThat(count(CANCELLED, alone)).isZero();
    }

    /** Counts its starts and cancellations per node. */
    static final class Recorder implements Service {

        private static final long serialVersionUID = 1L;

        @IgniteInstanceResource
        private transient Ignite ignite;

        @Override
        public void init() {
            STARTED.computeIfAbsent(ignite.name(), n -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public void cancel() {
            CANCELLED.computeIfAbsent(ignite.name(), n -> new AtomicInteger()).incrementAndGet();
        }
    }
}
