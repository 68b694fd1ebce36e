package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.persistence.snapshot.IgniteSnapshotManager;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.nautilus.api.snapshot.RestoreResult;
import org.nautilus.api.snapshot.SnapshotInfo;
import org.nautilus.api.snapshot.SnapshotService;
import org.nautilus.api.snapshot.SnapshotTarget;
import org.nautilus.grid.internal.node.Grid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of the trading state with Ignite's snapshot API: plain Java over a {@link Grid}, the {@link StoreHost}
 * and a {@link SnapshotTarget}; {@link SnapshotComponent} publishes it and runs the schedule.
 *
 * <p>Taking one: the store's caches first catch up with every acknowledged command (a journaling store writes them
 * behind), then Ignite takes a cluster-wide consistent snapshot (a partition map exchange: transactions committed
 * before it are in, later ones are not) into a staging folder beside the work directory; the snapshot is moved or
 * copied to the target and its manifest ({@value #MANIFEST}) written last. Restoring one: only into a store
 * without orders (an empty node, e.g. a replacement); the store closes, the trading cache group is destroyed and
 * restored from the snapshot by Ignite, the node's marker and journal are made the restored store's, and the store
 * opens again.
 */
public final class Snapshots implements SnapshotService {

    static final String MANIFEST = "nautilus-snapshot.properties";
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(Snapshots.class);

    private final Grid grid;
    private final StoreHost host;
    private final SnapshotTarget target;
    private final Path staging;
    private final Clock clock;
    /** How long the other nodes may take to copy their parts of a snapshot to the target. */
    static final long PART_UPLOAD_TIMEOUT_MS = 30 * 60_000L;
    /**
     * By Ignite instance name: what copies that node's part of a snapshot to its target (the {@link SnapshotComponent}
     * of the node registers it). Ignite writes each node's part on that node; {@link UploadPart} runs there.
     */
    static final Map<String, PartUploader> PART_UPLOADERS = new ConcurrentHashMap<>();

    /** Copies this node's part of a snapshot, written by Ignite into {@code stagingFolder}, to the target. */
    @FunctionalInterface
    interface PartUploader {
        void upload(String name, Path stagingFolder) throws IOException;
    }

    /** One snapshot or restore at a time on this node. */
    private final ReentrantLock busy = new ReentrantLock();

    /**
     * @param staging where Ignite writes a snapshot before it goes to the target (and a fetched one is kept)
     */
    public Snapshots(Grid grid, StoreHost host, SnapshotTarget target, Path staging, Clock clock) {
        this.grid = grid;
        this.host = host;
        this.target = target;
        this.staging = staging.toAbsolutePath().normalize();
        this.clock = clock;
    }

    SnapshotTarget target() {
        return target;
    }

    /** A name made of the time, e.g. {@code snap_20240301_143000}. */
    String timedName(String prefix) {
        return prefix + "_" + STAMP.format(clock.instant());
    }

    @Override
    public SnapshotInfo create(String requested) {
        String name = requested == null || requested.isBlank() ? timedName("snap") : requested.strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("snapshot name '" + name + "' is not allowed: use 1 to 64 letters, "
                    + "digits or '_' (Ignite's rule for snapshot names)");
        }
        IgniteTradingStore store = requireStore();
        lock("take snapshot " + name);
        try {
            if (names().contains(name)) {
                throw new IllegalArgumentException("a snapshot named '" + name + "' already exists on the "
                        + target.describe() + "; choose another name");
            }
            Instant created = clock.instant();
            long t0 = System.nanoTime();
            long[] point = store.snapshotPoint();
            Path folder = staging.resolve(name);
            Trees.delete(folder);
            List<String> nodes = new ArrayList<>();
            for (ClusterNode node : grid.ignite().cluster().forServers().nodes()) {
                nodes.add(String.valueOf(node.consistentId()));
            }
            nodes.sort(Comparator.naturalOrder());
            manager().createSnapshot(name, staging.toString(), false, false).get();
            long takeMillis = (System.nanoTime() - t0) / 1_000_000;
            long t1 = System.nanoTime();
            // Every node wrote its own part (its partitions, primary and backup) under the same path on its own disk:
            // each copies it to the target, where the parts merge into one snapshot that restores anywhere.
            // One node after the other: nodes sharing a disk (tests, several nodes on one machine) find the parts
            // of all in one folder, which the first of them moves.
            for (ClusterNode other : grid.ignite().cluster().forServers().forRemotes().nodes()) {
                grid.ignite().compute(grid.ignite().cluster().forNode(other)).withTimeout(PART_UPLOAD_TIMEOUT_MS)
                        .run(new UploadPart(name, staging.toString()));
            }
            String location = uploadPart(name, staging);
            List<String> missing = missingParts(name, nodes);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("snapshot " + name + " lacks the part(s) of node(s) " + missing
                        + " on the " + target.describe() + " (each node copies its own part there: is it shared by "
                        + "every node?); it is not listed (no manifest)");
            }
            long copyMillis = (System.nanoTime() - t1) / 1_000_000;
            long size = target.size(name);
            SnapshotInfo info = new SnapshotInfo(name, created, store.storeId(), nodes, point[0], point[1], size,
                    takeMillis, copyMillis, location);
            target.write(name, MANIFEST, manifest(info));
            Trees.delete(folder);
            LOG.info("Snapshot {} taken in {} ms and copied to {} in {} ms: {} bytes, journal up to {}, audit up to {}",
                    name, takeMillis, location, copyMillis, size, point[0], point[1]);
            return info;
        } catch (IOException e) {
            throw new IllegalStateException("snapshot " + name + " could not be copied to the " + target.describe()
                    + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("snapshot " + name + " failed: " + e.getMessage(), e);
        } finally {
            busy.unlock();
        }
    }

    @Override
    public List<SnapshotInfo> list() {
        List<SnapshotInfo> all = new ArrayList<>();
        for (String name : names()) {
            read(name).ifPresent(all::add);
        }
        all.sort(Comparator.comparing(SnapshotInfo::createdAt).thenComparing(SnapshotInfo::name));
        return all;
    }

    @Override
    public Optional<SnapshotInfo> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return names().contains(name) ? read(name) : Optional.empty();
    }

    @Override
    public RestoreResult restore(String name) {
        SnapshotInfo info = find(name).orElseThrow(() -> new IllegalArgumentException("no snapshot '" + name
                + "' on the " + target.describe() + "; snapshots: "
                + list().stream().map(SnapshotInfo::name).toList()));
        IgniteTradingStore store = requireStore();
        lock("restore snapshot " + name);
        try {
            long orders = store.orderCount();
            if (orders > 0) {
                throw new IllegalStateException("the store holds " + orders + " order(s): a snapshot is restored only "
                        + "into an empty node (a new or replacement node; move its data directory aside first). "
                        + "Nothing was changed.");
            }
            List<String> missing = missingParts(name, info.nodes());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("snapshot " + name + " lacks the part(s) of node(s) " + missing
                        + " on the " + target.describe() + ": it cannot be restored. Nothing was changed.");
            }
            int servers = grid.ignite().cluster().forServers().nodes().size();
            if (servers > 1) {
                throw new IllegalStateException("restore into one node at a time: " + servers + " server nodes are "
                        + "online. Restore into the first node of the new cluster alone, then start the others empty: "
                        + "they join the baseline and take their partitions from it. Nothing was changed.");
            }
            long t0 = System.nanoTime();
            Path folder = target.fetch(name, staging);
            boolean journaled = store.journaled();
            IgniteTradingStore reopened = host.reopenAfter(() -> {
                destroyTradingCaches();
                manager().restoreSnapshot(name, folder.toString(), List.of(IgniteTradingStore.GROUP)).get();
                IgniteTradingStore.adoptRestored(host.settings(), journaled, info.storeId());
            });
            long millis = (System.nanoTime() - t0) / 1_000_000;
            RestoreResult result = new RestoreResult(info, reopened.orderCount(), reopened.positionCount(),
                    new AuditJournal(reopened).size(), millis);
            LOG.info("Snapshot {} restored in {} ms: store {} with {} order(s), {} position(s), {} audit entries",
                    name, millis, reopened.storeId(), result.orders(), result.positions(), result.auditEntries());
            return result;
        } catch (IOException e) {
            throw new IllegalStateException("snapshot " + name + " could not be fetched from the " + target.describe()
                    + ": " + e.getMessage(), e);
        } finally {
            busy.unlock();
        }
    }

    /**
     * Copies this node's part of snapshot {@code name} from {@code stagingRoot} to the target; nothing when there is
     * none (nodes sharing one disk, as in tests: another node's copy took every part). Returns where it went.
     */
    String uploadPart(String name, Path stagingRoot) throws IOException {
        Path folder = stagingRoot.resolve(name);
        if (!Files.isDirectory(folder)) {
            return target.describe() + " " + name;
        }
        String location = target.upload(name, folder);
        Trees.delete(folder);
        return location;
    }

    /** The nodes among {@code nodes} whose part (Ignite's metadata file of the node) the target lacks. */
    private List<String> missingParts(String name, List<String> nodes) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String node : nodes) {
            if (target.read(name, IgniteSnapshotManager.snapshotMetaFileName(node)) == null) {
                missing.add(node);
            }
        }
        return missing;
    }

    /** Runs on each other node after a snapshot: copies that node's part to its target. */
    static final class UploadPart implements IgniteRunnable {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final String stagingRoot;

        @IgniteInstanceResource
        private transient Ignite ignite;

        UploadPart(String name, String stagingRoot) {
            this.name = name;
            this.stagingRoot = stagingRoot;
        }

        @Override
        public void run() {
            PartUploader uploader = PART_UPLOADERS.get(ignite.name());
            if (uploader == null) {
                throw new IllegalStateException("node " + ignite.cluster().localNode().consistentId() + " runs no "
                        + "snapshot service: its part of snapshot " + name + " stays in " + stagingRoot);
            }
            try {
                uploader.upload(name, Path.of(stagingRoot));
            } catch (IOException e) {
                throw new IllegalStateException("node " + ignite.cluster().localNode().consistentId() + " could not "
                        + "copy its part of snapshot " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** Deletes the oldest snapshots whose names start with {@code prefix}, keeping the newest {@code keep}. */
    List<String> prune(String prefix, int keep) {
        List<SnapshotInfo> matching = list().stream().filter(s -> s.name().startsWith(prefix)).toList();
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < matching.size() - keep; i++) {
            String name = matching.get(i).name();
            try {
                target.delete(name);
                deleted.add(name);
            } catch (IOException e) {
                LOG.warn("Snapshot {} could not be deleted from the {}: {}", name, target.describe(), e.getMessage());
            }
        }
        return deleted;
    }

    @Override
    public String describe() {
        return target.describe();
    }

    private void destroyTradingCaches() {
        Ignite ignite = grid.ignite();
        List<String> names = new ArrayList<>();
        for (String cache : ignite.cacheNames()) {
            @SuppressWarnings("unchecked")
            CacheConfiguration<Object, Object> cfg = ignite.cache(cache).getConfiguration(CacheConfiguration.class);
            if (IgniteTradingStore.GROUP.equals(cfg.getGroupName())) {
                names.add(cache);
            }
        }
        ignite.destroyCaches(names);
    }

    private IgniteSnapshotManager manager() {
        return ((IgniteEx) grid.ignite()).context().cache().context().snapshotMgr();
    }

    private IgniteTradingStore requireStore() {
        IgniteTradingStore store = host.store();
        if (store == null) {
            throw new IllegalStateException("the trading store is not open on this node (nautilus:status says why)");
        }
        if (!grid.settings().persistenceEnabled()) {
            throw new IllegalStateException("snapshots need native persistence (persistence.enabled in "
                    + "etc/nautilus.grid.cfg): an in-memory grid has nothing on disk to copy");
        }
        return store;
    }

    private void lock(String what) {
        if (!busy.tryLock()) {
            throw new IllegalStateException("cannot " + what + ": another snapshot or restore is running on this node");
        }
    }

    private List<String> names() {
        try {
            return target.names();
        } catch (IOException e) {
            throw new IllegalStateException("the " + target.describe() + " cannot be listed: " + e.getMessage(), e);
        }
    }

    private Optional<SnapshotInfo> read(String name) {
        try {
            byte[] bytes = target.read(name, MANIFEST);
            return bytes == null ? Optional.empty() : Optional.of(parse(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Snapshot {} on the {} has an unreadable manifest: {}", name, target.describe(), e.getMessage());
            return Optional.empty();
        }
    }

    static byte[] manifest(SnapshotInfo info) {
        Properties p = new Properties();
        p.setProperty("name", info.name());
        p.setProperty("created", info.createdAt().toString());
        p.setProperty("store.id", info.storeId());
        p.setProperty("nodes", String.join(",", info.nodes()));
        p.setProperty("journal.sequence", Long.toString(info.journalSequence()));
        p.setProperty("audit.sequence", Long.toString(info.auditSequence()));
        p.setProperty("size.bytes", Long.toString(info.sizeBytes()));
        p.setProperty("take.millis", Long.toString(info.takeMillis()));
        p.setProperty("copy.millis", Long.toString(info.copyMillis()));
        p.setProperty("location", info.location());
        StringWriter out = new StringWriter();
        try {
            p.store(out, "Nautilus snapshot of the trading state (Ignite snapshot beside this file)");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static SnapshotInfo parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        String nodes = p.getProperty("nodes", "");
        return new SnapshotInfo(p.getProperty("name"), Instant.parse(p.getProperty("created")),
                p.getProperty("store.id"), nodes.isEmpty() ? List.of() : Arrays.asList(nodes.split(",")),
                Long.parseLong(p.getProperty("journal.sequence", "0")),
                Long.parseLong(p.getProperty("audit.sequence", "0")),
                Long.parseLong(p.getProperty("size.bytes", "0")), Long.parseLong(p.getProperty("take.millis", "0")),
                Long.parseLong(p.getProperty("copy.millis", "0")), p.getProperty("location", ""));
    }
}
