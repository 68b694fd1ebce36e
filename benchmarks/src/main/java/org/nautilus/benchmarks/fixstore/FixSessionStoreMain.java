package org.nautilus.benchmarks.fixstore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.apache.ignite.ShutdownPolicy;
import org.nautilus.api.store.FixSessionId;
import org.nautilus.api.store.FixSessionState;
import org.nautilus.grid.internal.fix.GridFixSessionStore;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import quickfix.FileStoreFactory;
import quickfix.MessageStore;
import quickfix.SessionID;
import quickfix.SessionSettings;

/**
 * What one sent FIX message costs the sending thread in each session store the gateway offers: QuickFIX/J's
 * FileStore ({@code set} + {@code incrNextSenderMsgSeqNum}, FileStoreSync=N as shipped) and the grid's replicated
 * store (the same two writes the gateway's adapter makes: the message, then the session's state), on two in-memory
 * Ignite nodes in this JVM with one backup, over loopback (so every write reaches the other node before it returns).
 * Four sessions in turn, so the session's primary copy is local for some and remote for others. One thread, as
 * QuickFIX/J writes a session's messages under its send lock.
 *
 * <p>Arguments: messages per store (20000), message size in bytes (300).
 */
public final class FixSessionStoreMain {

    private static final int SESSIONS = 4;

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String text = "8=FIX.4.4\u00019=" + size + "\u0001" + "x".repeat(size);
        System.out.printf(Locale.ROOT, "%d cores, %s %s; %d messages of %d bytes per store, %d sessions%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), messages, size, SESSIONS);
        Path work = Files.createTempDirectory("nautilus-fixstore-bench");

        SessionSettings settings = new SessionSettings();
        settings.setString("FileStorePath", work.resolve("filestore").toString());
        List<MessageStore> files = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            files.add(new FileStoreFactory(settings).create(new SessionID("FIX.4.4", "NAUTILUS", "B" + s)));
        }
        report("FileStore", messages, (i) -> {
            MessageStore store = files.get(i % SESSIONS);
            store.set(store.getNextSenderMsgSeqNum(), text);
            store.incrNextSenderMsgSeqNum();
        });

        List<EmbeddedGrid> nodes = new ArrayList<>();
        try {
            for (int n = 1; n <= 2; n++) {
                nodes.add(EmbeddedGrid.start(new GridSettings("fixstore" + n, "fixstore" + n,
                        work.resolve("grid" + n), false, GridSettings.WalMode.LOG_ONLY, 256, 4, "127.0.0.1",
                        GridSettings.DiscoveryMode.STATIC, List.of("127.0.0.1:49480..49481"), 49480 + n - 1, 0,
                        49490 + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 0, 60_000, true, null),
                        FixSessionStoreMain.class.getClassLoader()));
            }
            GridFixSessionStore grid = new GridFixSessionStore(nodes.get(0), 100_000);
            List<FixSessionId> sessions = new ArrayList<>();
            int[] next = new int[SESSIONS];
            for (int s = 0; s < SESSIONS; s++) {
                sessions.add(FixSessionId.of("FIX.4.4:NAUTILUS->B" + s));
                next[s] = grid.reset(sessions.get(s), null, FixSessionState.fresh(Instant.now())).nextSenderSeqNum();
            }
            Instant created = grid.state(sessions.get(0)).orElseThrow().creationTime();
            double rate = report("grid (2 nodes, 1 backup)", messages, (i) -> {
                int s = i % SESSIONS;
                grid.saveMessage(sessions.get(s), next[s], text);
                next[s]++;
                grid.save(sessions.get(s), new FixSessionState(next[s], 1, created));
            });
            System.out.printf(Locale.ROOT, "fixstore: %.0f messages/s (grid)%n", rate);
        } finally {
            if (!nodes.isEmpty()) {
                nodes.get(0).ignite().cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE);
            }
            for (int n = nodes.size() - 1; n >= 0; n--) {
                nodes.get(n).close();
            }
        }
    }

    private interface Write {
        void message(int i) throws Exception;
    }

    /** A warm-up of the same size, then the measured run: per-message latency; returns messages per second. */
    private static double report(String store, int messages, Write write) throws Exception {
        for (int i = 0; i < messages; i++) {
            write.message(i);
        }
        Histogram latency = new Histogram(3);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long t0 = System.nanoTime();
            write.message(messages + i);
            latency.recordValue(System.nanoTime() - t0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-26s %8.0f msg/s  p50 %6.1f us  p99 %7.1f us  max %8.1f us%n", store,
                messages / seconds, latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                latency.getMaxValue() / 1e3);
        return messages / seconds;
    }
}
