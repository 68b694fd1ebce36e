package org.nautilus.grid.internal.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the embedded Ignite node, PID {@code nautilus.grid} ({@code etc/nautilus.grid.cfg}). Every key
 * needs a node restart to take effect; Declarative Services restarts the node (and the stores on it) when the
 * configuration changes.
 */
@ObjectClassDefinition(name = "Nautilus Grid (Apache Ignite node)", description = "The embedded Ignite server node: persistence, discovery and memory.")
public @interface GridConfig {

    String PID = "nautilus.grid";

    @AttributeDefinition(name = "Instance name", description = "Ignite instance name, unique in this JVM.")
    String instance_name() default "nautilus";

    @AttributeDefinition(name = "Consistent id", description = "Identity of this node's persistent data (its folder under work.directory/db). Must be "
            + "unique in the cluster and stable across restarts. Empty: the instance name.")
    String consistent_id() default "";

    @AttributeDefinition(name = "Work directory", description = "Where Ignite keeps its persistent data and WAL. Empty: ${karaf.data}/ignite.")
    String work_directory() default "";

    @AttributeDefinition(name = "Native persistence", description = "Keep caches on disk (true) or in memory only.")
    boolean persistence_enabled() default true;

    @AttributeDefinition(name = "WAL mode", description = "FSYNC: a commit returns after the WAL is fsynced (survives an OS crash or power loss). "
            + "LOG_ONLY: survives a process crash, not an OS crash. BACKGROUND: may lose the last second.", options = {
                    @Option(label = "FSYNC", value = "FSYNC"), @Option(label = "LOG_ONLY", value = "LOG_ONLY"),
                    @Option(label = "BACKGROUND", value = "BACKGROUND")})
    String wal_mode() default "FSYNC";

    @AttributeDefinition(name = "Data region max size (MB)", description = "Off-heap memory for cached pages.")
    int data_region_max_size_mb() default 256;

    @AttributeDefinition(name = "WAL segment size (MB)", description = "Size of one write-ahead-log segment; Ignite keeps 10 preallocated segments.")
    int wal_segment_size_mb() default 64;

    @AttributeDefinition(name = "Local address", description = "Address the node binds to and advertises. Empty: all interfaces (cluster mode).")
    String local_address() default "127.0.0.1";

    @AttributeDefinition(name = "Discovery mode", description = "static: discovery.addresses; kubernetes: the "
            + "endpoints of kubernetes.service.name in kubernetes.namespace.", options = {
                    @Option(label = "static", value = "static"), @Option(label = "kubernetes", value = "kubernetes")})
    String discovery_mode() default "static";

    @AttributeDefinition(name = "Discovery addresses", description = "Comma-separated host:port or host:from..to of the nodes to join (static mode).")
    String discovery_addresses() default "127.0.0.1:47500..47509";

    @AttributeDefinition(name = "Discovery port", description = "First local discovery port.")
    int discovery_port() default 47500;

    @AttributeDefinition(name = "Discovery port range", description = "Extra ports tried after discovery.port.")
    int discovery_port_range() default 9;

    @AttributeDefinition(name = "Communication port", description = "First local communication port.")
    int communication_port() default 47100;

    @AttributeDefinition(name = "Kubernetes namespace")
    String kubernetes_namespace() default "nautilus";

    @AttributeDefinition(name = "Kubernetes service name", description = "Headless service selecting the grid pods.")
    String kubernetes_service_name() default "nautilus-grid";

    @AttributeDefinition(name = "Kubernetes API", description = "HTTPS URL of the Kubernetes API the IP finder asks "
            + "for the service's endpoints (in a pod: the in-cluster default).")
    String kubernetes_master() default GridSettings.DEFAULT_KUBERNETES_MASTER;

    @AttributeDefinition(name = "Kubernetes service-account token", description = "File holding the bearer token "
            + "sent to the Kubernetes API (in a pod: the mounted service-account token).")
    String kubernetes_account_token() default GridSettings.DEFAULT_KUBERNETES_TOKEN;

    @AttributeDefinition(name = "Cache backups", description = "Backup copies of each partition (0 on one node).")
    int cache_backups() default 0;

    @AttributeDefinition(name = "Activate the cluster on start", description = "Set the cluster ACTIVE once this node has joined (a single node must).")
    boolean cluster_auto_activate() default true;

    @AttributeDefinition(name = "Failure detection timeout (ms)", min = "100", description = "How long a node that stopped answering (hung, network lost) takes to be declared failed; "
            + "the OMS moves after it. A killed process is noticed at once. Ignite's own default is 10000; "
            + "3000 keeps failover under 5 s, but a GC pause longer than this drops the node.")
    long failure_detection_timeout_ms() default 3_000;

    @AttributeDefinition(name = "Baseline join delay (ms)", min = "0", description = "Cluster with persistence: a server node that joined is added to the baseline (the nodes "
            + "holding data; data rebalances onto it) once it has been there this long. Nodes that leave stay "
            + "in the baseline: backups serve their partitions and they catch up when they return, and a "
            + "cluster stopped whole restarts in any order. 0: never add automatically.")
    long baseline_join_delay_ms() default 5_000;

    @AttributeDefinition(name = "Activation timeout (ms)", min = "0", description = "A node of a persistent cluster that was stopped whole waits this long for the other "
            + "baseline nodes before giving up (the cluster activates when they are all back).")
    long activation_timeout_ms() default 300_000;

    @AttributeDefinition(name = "On critical failure", description = "stop: stop the Ignite node and keep Karaf running; halt: halt the JVM (let the "
            + "orchestrator restart it).", options = {@Option(label = "stop", value = "stop"),
                    @Option(label = "halt", value = "halt")})
    String failure_handler() default "stop";

    @AttributeDefinition(name = "Shutdown policy", description = "graceful: a stopping node first waits until every partition it owns has another "
            + "up-to-date copy on a node that stays (a rolling restart or a drain never stops the last good "
            + "copy); the wait has no limit of its own, the orchestrator's grace period bounds it, and it "
            + "applies only while the cluster is active (deactivate a persistent cluster before stopping all of "
            + "it, or the last nodes wait for copies that cannot come). immediate (default: a laptop, local "
            + "clusters stopped whole): stop at once.", options = {@Option(label = "graceful", value = "graceful"),
                    @Option(label = "immediate", value = "immediate")})
    String shutdown_policy() default "immediate";

    @AttributeDefinition(name = "Failure zone", description = "This node's failure zone (e.g. the availability zone), published as node attribute "
            + "nautilus.zone: a partition's backup is never placed in its primary's zone, so losing a zone "
            + "never loses both copies. Empty: no zones.")
    String zone() default "";

    @AttributeDefinition(name = "Zone required", description = "Refuse to start when zone is empty (set in clusters spread over zones, so that a missing "
            + "zone label fails loudly instead of silently dropping zone-aware backups).")
    boolean zone_required() default false;
}
