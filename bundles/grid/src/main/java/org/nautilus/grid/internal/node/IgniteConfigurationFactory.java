package org.nautilus.grid.internal.node;

import java.util.Map;
import org.apache.ignite.IgniteLogger;
import org.apache.ignite.ShutdownPolicy;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.WALMode;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.failure.StopNodeOrHaltFailureHandler;
import org.apache.ignite.internal.processors.cache.persistence.file.RandomAccessFileIOFactory;
import org.apache.ignite.kubernetes.configuration.KubernetesConnectionConfiguration;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.TcpDiscoveryIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/** Turns {@link GridSettings} into an Ignite server node configuration. */
final class IgniteConfigurationFactory {

    static final String DATA_REGION = "default";
    private static final long MB = 1024L * 1024L;

    private IgniteConfigurationFactory() {
    }

    static IgniteConfiguration create(GridSettings s, ClassLoader classLoader, IgniteLogger logger) {
        String work = s.workDirectory().toString();
        IgniteConfiguration cfg = new IgniteConfiguration()
                .setIgniteInstanceName(s.instanceName())
                .setConsistentId(s.consistentId())
                // IGNITE_HOME cannot be derived from a bundle's class path (and can be set only once per JVM, so
                // not at all here): the work directory is given explicitly and holds everything.
                .setWorkDirectory(work)
                // Values are BinaryObjects or classes of this bundle; nothing is shipped between nodes as code.
                .setClassLoader(classLoader)
                .setPeerClassLoadingEnabled(false)
                .setGridLogger(logger)
                .setMetricsLogFrequency(0)
                .setFailureDetectionTimeout(s.failureDetectionTimeoutMs())
                // GRACEFUL: a stopping node waits until its partitions have another up-to-date owner, so a rolling
                // restart never stops the last copy of a partition that is still rebalancing to the previous node.
                .setShutdownPolicy(s.gracefulShutdown() ? ShutdownPolicy.GRACEFUL : ShutdownPolicy.IMMEDIATE)
                // No thin-client/JDBC (10800) or REST connector ports: the platform talks to the node in-process.
                .setClientConnectorConfiguration(null)
                .setConnectorConfiguration(null)
                .setFailureHandler(
                        s.haltOnFailure() ? new StopNodeOrHaltFailureHandler() : new StopNodeFailureHandler())
                .setDataStorageConfiguration(dataStorage(s))
                .setDiscoverySpi(discovery(s))
                // A bounded outbound queue per connection (Ignite's advice) instead of the unbounded default.
                .setCommunicationSpi(new TcpCommunicationSpi().setLocalPort(s.communicationPort())
                        .setMessageQueueLimit(1024));
        if (!s.localAddress().isEmpty()) {
            cfg.setLocalHost(s.localAddress());
        }
        if (s.zoneAware()) {
            // Read by the caches' backup filter (GridCaches.affinity) on every node.
            cfg.setUserAttributes(Map.of(GridSettings.ZONE_ATTRIBUTE, s.zone()));
        }
        return cfg;
    }

    private static DataStorageConfiguration dataStorage(GridSettings s) {
        long max = s.dataRegionMaxSizeMb() * MB;
        DataRegionConfiguration region = new DataRegionConfiguration()
                .setName(DATA_REGION)
                .setPersistenceEnabled(s.persistenceEnabled())
                .setInitialSize(Math.min(max, 64 * MB))
                .setMaxSize(max);
        return new DataStorageConfiguration()
                // Plain blocking file I/O for the WAL and the page files: Ignite's default (an asynchronous channel)
                // hands every write to a pool thread and parks the committer meanwhile (benchmarks durable: 3.8 ->
                // 3.3 ms of committer CPU per group of ~30 orders).
                .setFileIOFactory(new RandomAccessFileIOFactory())
                .setDefaultDataRegionConfiguration(region)
                .setWalMode(WALMode.valueOf(s.walMode().name()))
                .setWalSegmentSize((int) (s.walSegmentSizeMb() * MB));
    }

    private static TcpDiscoverySpi discovery(GridSettings s) {
        TcpDiscoveryIpFinder finder;
        if (s.discoveryMode() == GridSettings.DiscoveryMode.KUBERNETES) {
            KubernetesConnectionConfiguration k8s = new KubernetesConnectionConfiguration()
                    .setNamespace(s.kubernetesNamespace())
                    .setServiceName(s.kubernetesServiceName())
                    .setMasterUrl(s.kubernetesMaster())
                    .setAccountToken(s.kubernetesTokenFile())
                    .setDiscoveryPort(s.discoveryPort());
            finder = new TcpDiscoveryKubernetesIpFinder(k8s);
        } else {
            finder = new TcpDiscoveryVmIpFinder().setAddresses(s.discoveryAddresses());
        }
        return new TcpDiscoverySpi()
                .setLocalPort(s.discoveryPort())
                .setLocalPortRange(s.discoveryPortRange())
                .setIpFinder(finder);
    }
}
