package org.nautilus.grid.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Paths;
import java.util.Map;
import org.apache.ignite.ShutdownPolicy;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.WALMode;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.failure.StopNodeOrHaltFailureHandler;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;

class IgniteConfigurationFactoryTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void defaultNodeIsPersistentFsyncWithoutPeerClassLoadingOrExtraPorts() {
        GridSettings s = GridSettings.from(TestConfigs.gridConfig(Map.of()), "/srv/karaf/data");

        IgniteConfiguration cfg = IgniteConfigurationFactory.create(s, loader, new Slf4jIgniteLogger());

        assertThat(cfg.getIgniteInstanceName()).isEqualTo("nautilus");
        assertThat(cfg.getConsistentId()).isEqualTo("nautilus");
        assertThat(cfg.getWorkDirectory()).isEqualTo(Paths.get("/srv/karaf/data/ignite").toString());
        assertThat(cfg.getClassLoader()).isSameAs(loader);
        assertThat(cfg.isPeerClassLoadingEnabled()).isFalse();
        assertThat(cfg.getMetricsLogFrequency()).isZero();
        assertThat(cfg.getClientConnectorConfiguration()).isNull();
        assertThat(cfg.getConnectorConfiguration()).isNull();
        assertThat(cfg.getLocalHost()).isEqualTo("127.0.0.1");
        assertThat(cfg.getFailureHandler()).isInstanceOf(StopNodeFailureHandler.class);
        assertThat(cfg.getGridLogger().isQuiet()).isFalse();
        assertThat(cfg.getShutdownPolicy()).isEqualTo(ShutdownPolicy.IMMEDIATE);
        assertThat(cfg.getUserAttributes() == null || !cfg.getUserAttributes().containsKey(GridSettings.ZONE_ATTRIBUTE))
                .as("no zone attribute without a zone").isTrue();

        assertThat(cfg.getDataStorageConfiguration().getWalMode()).isEqualTo(WALMode.FSYNC);
        DataRegionConfiguration region = cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration();
        assertThat(region.isPersistenceEnabled()).isTrue();
        assertThat(region.getMaxSize()).isEqualTo(256L * 1024 * 1024);
        assertThat(region.getInitialSize()).isLessThanOrEqualTo(region.getMaxSize());

        TcpDiscoverySpi discovery = (TcpDiscoverySpi) cfg.getDiscoverySpi();
        assertThat(discovery.getLocalPortRange()).isEqualTo(9);
        assertThat(discovery.getIpFinder()).isInstanceOf(TcpDiscoveryVmIpFinder.class);
        assertThat(((TcpCommunicationSpi) cfg.getCommunicationSpi()).getLocalPort()).isEqualTo(47100);
    }

    @Test
    void kubernetesModeUsesTheServiceEndpointsAndHaltCanBeChosen() {
        GridSettings s = GridSettings.from(TestConfigs.gridConfig(Map.of("discovery.mode", "kubernetes",
                "kubernetes.namespace", "trading", "kubernetes.service.name", "grid", "local.address", "",
                "failure.handler", "halt", "wal.mode", "LOG_ONLY", "persistence.enabled", false, "zone", "eu-west-1b",
                "shutdown.policy", "graceful")), "/d");

        IgniteConfiguration cfg = IgniteConfigurationFactory.create(s, loader, new Slf4jIgniteLogger());

        assertThat(((TcpDiscoverySpi) cfg.getDiscoverySpi()).getIpFinder())
                .isInstanceOf(TcpDiscoveryKubernetesIpFinder.class);
        assertThat(cfg.getLocalHost()).isNull();
        assertThat(cfg.getFailureHandler()).isInstanceOf(StopNodeOrHaltFailureHandler.class);
        assertThat(cfg.getDataStorageConfiguration().getWalMode()).isEqualTo(WALMode.LOG_ONLY);
        assertThat(cfg.getDataStorageConfiguration().getDefaultDataRegionConfiguration().isPersistenceEnabled())
                .isFalse();
        assertThat(cfg.getUserAttributes().get(GridSettings.ZONE_ATTRIBUTE)).isEqualTo("eu-west-1b");
        assertThat(cfg.getShutdownPolicy()).isEqualTo(ShutdownPolicy.GRACEFUL);
    }
}
