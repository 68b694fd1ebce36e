package org.nautilus.grid.internal.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.s3.S3Bucket;
import org.nautilus.api.s3.S3Client;
import org.nautilus.api.s3.S3Credentials;
import org.nautilus.api.snapshot.RestoreResult;
import org.nautilus.api.snapshot.SnapshotInfo;
import org.nautilus.api.snapshot.SnapshotService;
import org.nautilus.api.snapshot.SnapshotTarget;
import org.nautilus.grid.internal.node.Grid;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link SnapshotService} over {@link Snapshots} and takes scheduled snapshots. The target is the local
 * folder, S3 ({@link S3Target}, {@code target = s3}) or a {@link SnapshotTarget} service named by {@code target}
 * (whiteboard); until that service is there, using snapshots fails with a message saying so.
 */
@Component(service = SnapshotService.class, configurationPid = SnapshotConfig.PID, immediate = true)
@Designate(ocd = SnapshotConfig.class)
public final class SnapshotComponent implements SnapshotService {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotComponent.class);
    static final String LOCAL = "local";
    static final String S3 = "s3";
    static final String SCHEDULED_PREFIX = "auto";

    private final Grid grid;
    private final StoreHost host;
    private final SnapshotConfig config;
    private final Map<String, SnapshotTarget> targets = new ConcurrentHashMap<>();
    private final LocalFolderTarget local;
    /** {@code null} unless target = s3. */
    private final S3Target s3;
    private final ScheduledExecutorService schedule;

    @Activate
    public SnapshotComponent(@Reference Grid grid, @Reference StoreHost host, SnapshotConfig config) {
        this.grid = grid;
        this.host = host;
        this.config = config;
        this.local = new LocalFolderTarget(folder(config.directory()));
        this.s3 = S3.equals(config.target()) ? s3(config) : null;
        if (config.interval_minutes() > 0) {
            schedule = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nautilus-snapshot-schedule");
                t.setDaemon(true);
                return t;
            });
            long minutes = config.interval_minutes();
            schedule.scheduleWithFixedDelay(this::scheduled, minutes, minutes, TimeUnit.MINUTES);
        } else {
            schedule = null;
        }
        Snapshots.PART_UPLOADERS.put(grid.ignite().name(), (name, root) -> snapshots().uploadPart(name, root));
        LOG.info("Nautilus snapshots: target {}, {}", config.target(), schedule == null ? "on demand only"
                : "every " + config.interval_minutes() + " min, newest " + config.keep() + " auto_* kept");
    }

    @Deactivate
    void deactivate() {
        Snapshots.PART_UPLOADERS.remove(grid.ignite().name());
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTarget(SnapshotTarget target, Map<String, Object> properties) {
        Object id = properties.get(SnapshotTarget.TARGET_PROPERTY);
        if (id != null) {
            targets.put(id.toString(), target);
        }
    }

    void removeTarget(SnapshotTarget target, Map<String, Object> properties) {
        Object id = properties.get(SnapshotTarget.TARGET_PROPERTY);
        if (id != null) {
            targets.remove(id.toString(), target);
        }
    }

    private static S3Target s3(SnapshotConfig config) {
        S3Bucket bucket;
        try {
            bucket = S3Bucket.configured(config.s3_bucket(), config.s3_region(), config.s3_endpoint(), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target = s3 in etc/nautilus.snapshot.cfg: " + e.getMessage(), e);
        }
        return new S3Target(new S3Client(bucket, S3Credentials.fromEnvironment(System.getenv()), Clock.systemUTC()),
                config.s3_prefix());
    }

    static Path folder(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured.strip()).toAbsolutePath().normalize();
        }
        String data = System.getProperty("karaf.data");
        return (data == null ? Paths.get(System.getProperty("user.dir", "."), "data") : Paths.get(data))
                .resolve("snapshots").toAbsolutePath().normalize();
    }

    /** Kept while its target stays: its lock keeps snapshots and restores one at a time. */
    private Snapshots current;

    private synchronized Snapshots snapshots() {
        SnapshotTarget target = LOCAL.equals(config.target()) ? local
                : S3.equals(config.target()) ? s3 : targets.get(config.target());
        if (target == null) {
            throw new IllegalStateException("snapshot target '" + config.target() + "' (etc/nautilus.snapshot.cfg) is "
                    + "not available: no SnapshotTarget service with snapshot.target=" + config.target()
                    + " is registered (install its plugin), or set target = local");
        }
        if (current == null || current.target() != target) {
            Path work = grid.settings().workDirectory();
            current = new Snapshots(grid, host, target, work.resolveSibling(work.getFileName() + ".snapshots"),
                    Clock.systemUTC());
        }
        return current;
    }

    private void scheduled() {
        try {
            Snapshots snapshots = snapshots();
            SnapshotInfo info = snapshots.create(snapshots.timedName(SCHEDULED_PREFIX));
            List<String> deleted = snapshots.prune(SCHEDULED_PREFIX + "_", config.keep());
            LOG.info("Scheduled snapshot {} taken ({} bytes){}", info.name(), info.sizeBytes(),
                    deleted.isEmpty() ? "" : "; deleted the older " + deleted);
        } catch (RuntimeException e) {
            LOG.error("Scheduled snapshot failed (retrying in {} min): {}", config.interval_minutes(), e.getMessage());
        }
    }

    @Override
    public SnapshotInfo create(String name) {
        return snapshots().create(name);
    }

    @Override
    public List<SnapshotInfo> list() {
        return snapshots().list();
    }

    @Override
    public Optional<SnapshotInfo> find(String name) {
        return snapshots().find(name);
    }

    @Override
    public RestoreResult restore(String name) {
        return snapshots().restore(name);
    }

    @Override
    public String describe() {
        String where;
        try {
            where = snapshots().describe();
        } catch (IllegalStateException e) {
            where = "target '" + config.target() + "' (not available)";
        }
        return where + (schedule == null ? ", on demand only"
                : ", every " + config.interval_minutes()
                        + " min (newest " + config.keep() + " auto_* kept)");
    }
}
