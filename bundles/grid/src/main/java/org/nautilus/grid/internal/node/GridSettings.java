package org.nautilus.grid.internal.node;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Validated settings of the grid node, built once from {@link GridConfig}; plain Java so tests need no OSGi.
 * Invalid values fail with a {@link GridStartupException} naming the configuration key.
 *
 * @param instanceName       Ignite instance name, unique in the JVM
 * @param consistentId       identity of the node's persistent data, stable across restarts
 * @param workDirectory      absolute directory holding Ignite's persistent data and WAL
 * @param persistenceEnabled native persistence on the default data region
 * @param walMode            write-ahead-log durability of a commit
 * @param dataRegionMaxSizeMb off-heap memory of the default data region
 * @param walSegmentSizeMb   size of one WAL segment file (Ignite preallocates 10 of them)
 * @param localAddress       address to bind to, empty for all interfaces
 * @param discoveryMode      how the node finds the others
 * @param discoveryAddresses static addresses ({@code host:port} or {@code host:from..to})
 * @param discoveryPort      first local discovery port
 * @param discoveryPortRange extra local discovery ports tried after the first
 * @param communicationPort  first local communication port
 * @param kubernetesNamespace   namespace of the grid service (kubernetes mode)
 * @param kubernetesServiceName headless service selecting the grid pods (kubernetes mode)
 * @param cacheBackups       backup copies of each cache partition
 * @param autoActivate       activate the cluster once joined
 * @param haltOnFailure      halt the JVM on a critical Ignite failure instead of stopping the node
 * @param failureDetectionTimeoutMs how long a silent node takes to be declared failed (Ignite's default: 10 s)
 * @param baselineJoinDelayMs a persistent cluster adds a server node that joined to its baseline once it has been
 *                           there this long (data is rebalanced onto it); nodes that leave stay in the baseline
 *                           (their backups serve meanwhile, they catch up when back); 0 = never add automatically
 * @param activationTimeoutMs how long a node waits for the other baseline nodes of a persistent cluster before
 *                           giving up (a restarted cluster activates once they are all back)
 * @param gracefulShutdown   a stopping node first waits until every partition it owns has another up-to-date copy
 *                           (Ignite's {@code ShutdownPolicy.GRACEFUL}); false stops at once
 * @param zone               failure zone of this node (an availability zone), published as the node attribute
 *                           {@link #ZONE_ATTRIBUTE}; when set, a partition's backup is never placed in the zone of
 *                           its primary. Empty: no zones (a laptop, one host)
 * @param kubernetesMaster   HTTPS URL of the Kubernetes API (kubernetes mode; in a pod the in-cluster address)
 * @param kubernetesTokenFile file with the bearer token sent to it (in a pod the mounted service-account token)
 */
public record GridSettings(String instanceName, String consistentId, Path workDirectory, boolean persistenceEnabled,
        WalMode walMode, int dataRegionMaxSizeMb, int walSegmentSizeMb, String localAddress,
        DiscoveryMode discoveryMode, List<String> discoveryAddresses, int discoveryPort,
        int discoveryPortRange, int communicationPort, String kubernetesNamespace,
        String kubernetesServiceName, int cacheBackups, boolean autoActivate,
        boolean haltOnFailure, long failureDetectionTimeoutMs, long baselineJoinDelayMs,
        long activationTimeoutMs, boolean gracefulShutdown, String zone, String kubernetesMaster,
        String kubernetesTokenFile) {

    /** Where pods reach the Kubernetes API (kubernetes mode), as Ignite's IP finder defaults it. */
    public static final String DEFAULT_KUBERNETES_MASTER = "https://kubernetes.default.svc.cluster.local:443";
    /** The pod's service-account token, mounted by Kubernetes. */
    public static final String DEFAULT_KUBERNETES_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /** The settings with the in-cluster Kubernetes API defaults (tests, tools). */
    public GridSettings(String instanceName, String consistentId, Path workDirectory, boolean persistenceEnabled,
            WalMode walMode, int dataRegionMaxSizeMb, int walSegmentSizeMb, String localAddress,
            DiscoveryMode discoveryMode, List<String> discoveryAddresses, int discoveryPort,
            int discoveryPortRange, int communicationPort, String kubernetesNamespace,
            String kubernetesServiceName, int cacheBackups, boolean autoActivate,
            boolean haltOnFailure, long failureDetectionTimeoutMs, long baselineJoinDelayMs,
            long activationTimeoutMs, boolean gracefulShutdown, String zone) {
        this(instanceName, consistentId, workDirectory, persistenceEnabled, walMode, dataRegionMaxSizeMb,
                walSegmentSizeMb, localAddress, discoveryMode, discoveryAddresses, discoveryPort, discoveryPortRange,
                communicationPort, kubernetesNamespace, kubernetesServiceName, cacheBackups, autoActivate,
                haltOnFailure, failureDetectionTimeoutMs, baselineJoinDelayMs, activationTimeoutMs, gracefulShutdown,
                zone, DEFAULT_KUBERNETES_MASTER, DEFAULT_KUBERNETES_TOKEN);
    }

    /** Durability of a committed transaction; mirrors Ignite's {@code WALMode} without leaking it. */
    public enum WalMode {
        /** Commit returns after fsync of the WAL: survives process, OS and power failures. */
        FSYNC,
        /** Commit returns after the WAL record is in the OS page cache: survives a process crash only. */
        LOG_ONLY,
        /** WAL flushed in the background: may lose the last commits even on a process crash. */
        BACKGROUND
    }

    public enum DiscoveryMode {
        STATIC, KUBERNETES
    }

    static final int MIN_REGION_MB = 16;

    /** Ignite node attribute holding {@link #zone()}; the caches' backup filter compares it. */
    public static final String ZONE_ATTRIBUTE = "nautilus.zone";

    public GridSettings {
        requireText("instance.name", instanceName);
        requireText("consistent.id", consistentId);
        Objects.requireNonNull(workDirectory, "work.directory");
        if (!workDirectory.isAbsolute()) {
            throw new GridStartupException("work.directory must be an absolute path, got '" + workDirectory + "'");
        }
        Objects.requireNonNull(walMode, "wal.mode");
        Objects.requireNonNull(discoveryMode, "discovery.mode");
        localAddress = localAddress == null ? "" : localAddress.strip();
        discoveryAddresses = List.copyOf(discoveryAddresses);
        if (dataRegionMaxSizeMb < MIN_REGION_MB) {
            throw new GridStartupException("data.region.max.size.mb must be at least " + MIN_REGION_MB + ", got "
                    + dataRegionMaxSizeMb);
        }
        if (walSegmentSizeMb < 1 || walSegmentSizeMb > 2047) {
            throw new GridStartupException("wal.segment.size.mb must be between 1 and 2047, got " + walSegmentSizeMb);
        }
        requirePort("discovery.port", discoveryPort);
        requirePort("communication.port", communicationPort);
        if (discoveryPortRange < 0 || discoveryPort + discoveryPortRange > 65535) {
            throw new GridStartupException("discovery.port.range must be >= 0 and keep ports below 65536, got "
                    + discoveryPortRange);
        }
        if (discoveryMode == DiscoveryMode.STATIC && discoveryAddresses.isEmpty()) {
            throw new GridStartupException("discovery.addresses is empty: give at least this node's address, "
                    + "e.g. 127.0.0.1:47500..47509");
        }
        if (discoveryMode == DiscoveryMode.KUBERNETES) {
            requireText("kubernetes.namespace", kubernetesNamespace);
            requireText("kubernetes.service.name", kubernetesServiceName);
            requireText("kubernetes.master", kubernetesMaster);
            if (!kubernetesMaster.strip().startsWith("https://")) {
                throw new GridStartupException("kubernetes.master must be an https:// URL (Ignite's Kubernetes IP "
                        + "finder only speaks HTTPS), got '" + kubernetesMaster + "'");
            }
            requireText("kubernetes.account.token", kubernetesTokenFile);
        }
        if (cacheBackups < 0) {
            throw new GridStartupException("cache.backups must be >= 0, got " + cacheBackups);
        }
        if (failureDetectionTimeoutMs < 100) {
            throw new GridStartupException("failure.detection.timeout.ms must be at least 100, got "
                    + failureDetectionTimeoutMs);
        }
        if (baselineJoinDelayMs < 0 || activationTimeoutMs < 0) {
            throw new GridStartupException("baseline.join.delay.ms and activation.timeout.ms must be >= 0");
        }
        zone = zone == null ? "" : zone.strip();
    }

    /** Backups are placed in another zone than their primary. */
    public boolean zoneAware() {
        return !zone.isEmpty();
    }

    /**
     * Settings from the component configuration.
     *
     * @param karafData value of the {@code karaf.data} system property, may be {@code null} outside Karaf
     */
    public static GridSettings from(GridConfig config, String karafData) {
        String name = config.instance_name() == null ? "" : config.instance_name().strip();
        String consistentId = blankTo(config.consistent_id(), name);
        Path work = config.work_directory() == null || config.work_directory().isBlank()
                ? defaultWorkDirectory(karafData)
                : Paths.get(config.work_directory().strip()).toAbsolutePath().normalize();
        return new GridSettings(name, consistentId, work, config.persistence_enabled(),
                parse(WalMode.class, "wal.mode", config.wal_mode()), config.data_region_max_size_mb(),
                config.wal_segment_size_mb(), config.local_address(),
                parse(DiscoveryMode.class, "discovery.mode", config.discovery_mode()),
                splitAddresses(config.discovery_addresses()), config.discovery_port(), config.discovery_port_range(),
                config.communication_port(), strip(config.kubernetes_namespace()),
                strip(config.kubernetes_service_name()), config.cache_backups(), config.cluster_auto_activate(),
                haltOnFailure(config.failure_handler()), config.failure_detection_timeout_ms(),
                config.baseline_join_delay_ms(), config.activation_timeout_ms(),
                gracefulShutdown(config.shutdown_policy()), zone(config), strip(config.kubernetes_master()),
                strip(config.kubernetes_account_token()));
    }

    /**
     * The zone, which must be set when {@code zone.required} is: in Kubernetes an empty zone means the pod did not
     * get its node's topology label (see k8s/README.md), and starting anyway would silently drop zone-aware backups.
     */
    private static String zone(GridConfig config) {
        String zone = strip(config.zone());
        if (zone.isEmpty() && config.zone_required()) {
            throw new GridStartupException("zone is empty but zone.required = true: this node's failure zone is "
                    + "unknown, so backups could land in the primary's zone. In Kubernetes, zone = ${env:NODE_ZONE} "
                    + "comes from the pod label topology.kubernetes.io/zone (copied from the node by Kubernetes 1.35+, "
                    + "PodTopologyLabelsAdmission); check the pod's labels and the NODE_ZONE variable");
        }
        if (zone.startsWith("${")) {
            throw new GridStartupException("zone '" + zone + "' is an unresolved placeholder: the environment "
                    + "variable it names is not set");
        }
        return zone;
    }

    private static boolean gracefulShutdown(String value) {
        String v = strip(value);
        if (!v.equalsIgnoreCase("graceful") && !v.equalsIgnoreCase("immediate")) {
            throw new GridStartupException("shutdown.policy must be 'graceful' or 'immediate', got '" + value + "'");
        }
        return v.equalsIgnoreCase("graceful");
    }

    /**
     * {@code ${karaf.data}/ignite}; outside Karaf (no {@code karaf.data}), {@code data/ignite} under the working
     * directory, the same layout a Karaf home has.
     */
    public static Path defaultWorkDirectory(String karafData) {
        Path base = karafData == null || karafData.isBlank()
                ? Paths.get(System.getProperty("user.dir", "."), "data")
                : Paths.get(karafData.strip());
        return base.resolve("ignite").toAbsolutePath().normalize();
    }

    /** Single-node settings on loopback with the given work directory and ports (tests, tools). */
    public static GridSettings localNode(String instanceName, Path workDirectory, int discoveryPort,
            int communicationPort) {
        return new GridSettings(instanceName, instanceName, workDirectory.toAbsolutePath(), true, WalMode.FSYNC,
                64, 4, "127.0.0.1", DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + discoveryPort + ".." + (discoveryPort + 2)), discoveryPort, 2,
                communicationPort, "nautilus", "nautilus-grid", 0, true, false, 10_000, 0, 60_000, false, "");
    }

    public GridSettings withWalMode(WalMode mode) {
        return new GridSettings(instanceName, consistentId, workDirectory, persistenceEnabled, mode,
                dataRegionMaxSizeMb, walSegmentSizeMb, localAddress, discoveryMode, discoveryAddresses, discoveryPort,
                discoveryPortRange, communicationPort, kubernetesNamespace, kubernetesServiceName, cacheBackups,
                autoActivate, haltOnFailure, failureDetectionTimeoutMs, baselineJoinDelayMs, activationTimeoutMs,
                gracefulShutdown, zone, kubernetesMaster, kubernetesTokenFile);
    }

    public GridSettings withPersistence(boolean enabled) {
        return new GridSettings(instanceName, consistentId, workDirectory, enabled, walMode, dataRegionMaxSizeMb,
                walSegmentSizeMb, localAddress, discoveryMode, discoveryAddresses, discoveryPort, discoveryPortRange,
                communicationPort, kubernetesNamespace, kubernetesServiceName, cacheBackups, autoActivate,
                haltOnFailure, failureDetectionTimeoutMs, baselineJoinDelayMs, activationTimeoutMs,
                gracefulShutdown, zone, kubernetesMaster, kubernetesTokenFile);
    }

    public GridSettings withRegionMb(int megabytes) {
        return new GridSettings(instanceName, consistentId, workDirectory, persistenceEnabled, walMode, megabytes,
                walSegmentSizeMb, localAddress, discoveryMode, discoveryAddresses, discoveryPort, discoveryPortRange,
                communicationPort, kubernetesNamespace, kubernetesServiceName, cacheBackups, autoActivate,
                haltOnFailure, failureDetectionTimeoutMs, baselineJoinDelayMs, activationTimeoutMs,
                gracefulShutdown, zone, kubernetesMaster, kubernetesTokenFile);
    }

    public GridSettings withWalSegmentMb(int megabytes) {
        return new GridSettings(instanceName, consistentId, workDirectory, persistenceEnabled, walMode,
                dataRegionMaxSizeMb, megabytes, localAddress, discoveryMode, discoveryAddresses, discoveryPort,
                discoveryPortRange, communicationPort, kubernetesNamespace, kubernetesServiceName, cacheBackups,
                autoActivate, haltOnFailure, failureDetectionTimeoutMs, baselineJoinDelayMs, activationTimeoutMs,
                gracefulShutdown, zone, kubernetesMaster, kubernetesTokenFile);
    }

    public GridSettings withWorkDirectory(Path directory) {
        return new GridSettings(instanceName, consistentId, directory, persistenceEnabled, walMode,
                dataRegionMaxSizeMb, walSegmentSizeMb, localAddress, discoveryMode, discoveryAddresses, discoveryPort,
                discoveryPortRange, communicationPort, kubernetesNamespace, kubernetesServiceName, cacheBackups,
                autoActivate, haltOnFailure, failureDetectionTimeoutMs, baselineJoinDelayMs, activationTimeoutMs,
                gracefulShutdown, zone, kubernetesMaster, kubernetesTokenFile);
    }

    public GridSettings withZone(String failureZone) {
        return new GridSettings(instanceName, consistentId, workDirectory, persistenceEnabled, walMode,
                dataRegionMaxSizeMb, walSegmentSizeMb, localAddress, discoveryMode, discoveryAddresses, discoveryPort,
                discoveryPortRange, communicationPort, kubernetesNamespace, kubernetesServiceName, cacheBackups,
                autoActivate, haltOnFailure, failureDetectionTimeoutMs, baselineJoinDelayMs, activationTimeoutMs,
                gracefulShutdown, failureZone, kubernetesMaster, kubernetesTokenFile);
    }

    private static boolean haltOnFailure(String value) {
        String v = strip(value);
        if (!v.equalsIgnoreCase("stop") && !v.equalsIgnoreCase("halt")) {
            throw new GridStartupException("failure.handler must be 'stop' or 'halt', got '" + value + "'");
        }
        return v.equalsIgnoreCase("halt");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
        String v = strip(value).toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(v)) {
                return e;
            }
        }
        throw new GridStartupException(key + " must be one of " + Arrays.toString(type.getEnumConstants())
                + ", got '" + value + "'");
    }

    static List<String> splitAddresses(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static void requireText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new GridStartupException(key + " must not be empty");
        }
    }

    private static void requirePort(String key, int port) {
        if (port < 1 || port > 65535) {
            throw new GridStartupException(key + " must be a port between 1 and 65535, got " + port);
        }
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }
}
