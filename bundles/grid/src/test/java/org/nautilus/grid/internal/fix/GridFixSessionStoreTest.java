package org.nautilus.grid.internal.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.apache.ignite.ShutdownPolicy;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.store.FixSessionId;
import org.nautilus.api.store.FixSessionState;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.node.TestClusters;

/**
 * The FIX session store on three real Ignite nodes in this JVM (in memory, one backup, as a cluster is configured):
 * what one node wrote is read on another after the writer, the primary of the session's partition, dies; a session
 * keeps only its latest messages; two nodes resetting the same session agree on one new sequence.
 */
class GridFixSessionStoreTest {

    /** Ports of this test only (other grid tests use 47xxx, 48xxx, 493xx, 495xx-499xx). */
    private static final int DISCOVERY = 49440;
    private static final int COMMUNICATION = 49450;
    private static final int NODES = 3;
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00.123456789Z");

    @TempDir
    Path dir;

    private final List<EmbeddedGrid> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        TestClusters.stopImmediately(running);
    }

    private GridSettings node(int n) {
        return new GridSettings("fs" + n, "fs" + n, dir.resolve("fs" + n).toAbsolutePath(), false,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + NODES - 1)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 0, 60_000, true, null);
    }

    private List<GridFixSessionStore> startNodes(int retained) {
        List<GridFixSessionStore> stores = new ArrayList<>();
        for (int n = 1; n <= NODES; n++) {
            EmbeddedGrid grid = EmbeddedGrid.start(node(n), getClass().getClassLoader());
            running.add(grid);
            stores.add(new GridFixSessionStore(grid, retained));
        }
        assertThat(running.get(0).ignite().cluster().forServers().nodes()).hasSize(NODES);
        return stores;
    }

    /** A session whose partition's primary copy is on node {@code n} (0-based). */
    private FixSessionId sessionPrimaryOn(int n) {
        Affinity<Object> affinity = running.get(0).ignite().affinity(GridFixSessionStore.STATES);
        ClusterNode node = running.get(n).ignite().cluster().localNode();
        for (int i = 0;; i++) {
            FixSessionId session = FixSessionId.of("FIX.4.4:NAUTILUS->C" + i);
            Object key = running.get(0).ignite().binary().builder(FixSessionCodecs.STATE_KEY_TYPE)
                    .setField(FixSessionCodecs.AFFINITY_FIELD, session.value()).build();
            if (affinity.isPrimary(node, key)) {
                return session;
            }
        }
    }

    @Test
    void whatTheSessionsPrimaryNodeWroteIsReadOnAnotherNodeAfterItDies() {
        List<GridFixSessionStore> stores = startNodes(1000);
        FixSessionId session = sessionPrimaryOn(0);
        GridFixSessionStore a = stores.get(0);
        assertThat(a.state(session)).isEmpty();
        assertThat(a.reset(session, null, FixSessionState.fresh(T0))).isEqualTo(FixSessionState.fresh(T0));
        for (int seq = 1; seq <= 40; seq++) {
            a.saveMessage(session, seq, "8=FIX.4.4\u00019=5\u000134=" + seq + "\u0001");
            a.save(session, new FixSessionState(seq + 1, 7, T0));
        }

        running.get(0).ignite().cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE); // a death, no handover
        running.remove(0).close();

        GridFixSessionStore b = stores.get(1);
        assertThat(b.state(session)).contains(new FixSessionState(41, 7, T0));
        SortedMap<Integer, String> resent = b.messages(session, 10, 12);
        assertThat(resent.keySet()).containsExactly(10, 11, 12);
        assertThat(resent.get(11)).isEqualTo("8=FIX.4.4\u00019=5\u000134=11\u0001");
        assertThat(b.messages(session, 1, 1000)).hasSize(40).containsKey(1).containsKey(40);
    }

    @Test
    void aSessionKeepsItsLatestMessagesOnlyAndNeverAnswersPastItsNextSequenceNumber() {
        int retained = 2000;
        List<GridFixSessionStore> stores = startNodes(retained);
        FixSessionId session = FixSessionId.of("FIX.4.4:NAUTILUS->LONG");
        GridFixSessionStore store = stores.get(1);
        store.reset(session, null, FixSessionState.fresh(T0));
        for (int seq = 1; seq <= 5000; seq++) {
            store.saveMessage(session, seq, "m" + seq);
        }
        store.save(session, new FixSessionState(5001, 1, T0));

        SortedMap<Integer, String> all = stores.get(2).messages(session, 1, 5000);
        assertThat(all).hasSize(retained);
        assertThat(all.firstKey()).isEqualTo(5001 - retained);
        assertThat(all.lastKey()).isEqualTo(5000);
        // Trimmed as it went: at most one block beyond the retained ones is still stored.
        long stored = running.get(0).ignite().cache(GridFixSessionStore.MESSAGES).sizeLong();
        assertThat(stored).isBetween((long) retained, (long) retained + GridFixSessionStore.TRIM_BLOCK);

        // A message saved but not yet counted (the engine stores, then increments) is not part of the session.
        store.saveMessage(session, 5001, "m5001");
        assertThat(store.messages(session, 4999, 6000).keySet()).containsExactly(4999, 5000);
        assertThatThrownBy(() -> store.messages(session, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.saveMessage(session, 0, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GridFixSessionStore(running.get(0), 0))
                .hasMessageContaining("retained.messages must be at least 1");
    }

    @Test
    void twoNodesResettingOneSessionAgreeOnTheFirstResetAndItsMessagesSurvive() {
        List<GridFixSessionStore> stores = startNodes(1000);
        FixSessionId session = FixSessionId.of("FIXT.1.1:NAUTILUS->C50");
        GridFixSessionStore a = stores.get(0);
        GridFixSessionStore b = stores.get(2);
        FixSessionState old = a.reset(session, null, FixSessionState.fresh(T0));
        assertThat(b.reset(session, null, FixSessionState.fresh(T0.plusSeconds(1)))).as("created by a first")
                .isEqualTo(old);
        for (int seq = 1; seq <= 3; seq++) {
            a.saveMessage(session, seq, "old" + seq);
        }
        a.save(session, new FixSessionState(4, 4, T0));

        // The next day: a resets first and sends its Logon; b, which read the old state, resets late.
        FixSessionState next = FixSessionState.fresh(T0.plusSeconds(86_400));
        assertThat(a.reset(session, new FixSessionState(4, 4, T0), next)).isEqualTo(next);
        assertThat(a.messages(session, 1, 3)).isEmpty();
        a.saveMessage(session, 1, "logon");
        a.save(session, next.withNextSenderSeqNum(2));

        FixSessionState late = FixSessionState.fresh(T0.plusSeconds(86_401));
        assertThat(b.reset(session, old, late)).isEqualTo(next.withNextSenderSeqNum(2));
        assertThat(b.state(session)).contains(next.withNextSenderSeqNum(2));
        assertThat(b.messages(session, 1, 1)).containsEntry(1, "logon");
    }
}
