package org.nautilus.grid.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSettingsTest {

    @Test
    void defaultsAreAPersistentLoopbackNodeUnderKarafData() {
        GridSettings s = GridSettings.from(TestConfigs.gridConfig(Map.of()), "/opt/nautilus/data");

        assertThat(s.instanceName()).isEqualTo("nautilus");
        assertThat(s.consistentId()).isEqualTo("nautilus");
        assertThat(s.workDirectory()).isEqualTo(Paths.get("/opt/nautilus/data/ignite"));
        assertThat(s.persistenceEnabled()).isTrue();
        assertThat(s.walMode()).isEqualTo(GridSettings.WalMode.FSYNC);
        assertThat(s.discoveryMode()).isEqualTo(GridSettings.DiscoveryMode.STATIC);
        assertThat(s.discoveryAddresses()).containsExactly("127.0.0.1:47500..47509");
        assertThat(s.discoveryPort()).isEqualTo(47500);
        assertThat(s.communicationPort()).isEqualTo(47100);
        assertThat(s.localAddress()).isEqualTo("127.0.0.1");
        assertThat(s.cacheBackups()).isZero();
        assertThat(s.autoActivate()).isTrue();
        assertThat(s.haltOnFailure()).isFalse();
        assertThat(s.gracefulShutdown()).isFalse();
        assertThat(s.zone()).isEmpty();
        assertThat(s.zoneAware()).isFalse();
    }

    @Test
    void aZoneMakesBackupsZoneAwareAndAMissingRequiredZoneRefusesToStart() {
        GridSettings zoned = GridSettings.from(TestConfigs.gridConfig(Map.of("zone", " eu-west-1a ",
                "zone.required", true, "shutdown.policy", "GRACEFUL")), null);
        assertThat(zoned.zone()).isEqualTo("eu-west-1a");
        assertThat(zoned.zoneAware()).isTrue();
        assertThat(zoned.gracefulShutdown()).isTrue();

        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("zone", " ", "zone.required", true)),
                null)).isInstanceOf(GridStartupException.class).hasMessageContaining("zone.required")
                        .hasMessageContaining("topology.kubernetes.io/zone");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("zone", "${env:NODE_ZONE}")), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("unresolved");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("shutdown.policy", "later")), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("shutdown.policy");
    }

    @Test
    void withoutKarafDataTheWorkDirectoryIsDataIgniteUnderTheWorkingDirectory() {
        Path expected = Paths.get(System.getProperty("user.dir"), "data", "ignite").toAbsolutePath().normalize();

        assertThat(GridSettings.defaultWorkDirectory(null)).isEqualTo(expected);
        assertThat(GridSettings.defaultWorkDirectory("  ")).isEqualTo(expected);
    }

    @Test
    void explicitValuesAreTrimmedAndMadeAbsolute() {
        GridSettings s = GridSettings.from(TestConfigs.gridConfig(Map.of(
                "work.directory", " relative/ignite ", "wal.mode", "log_only", "consistent.id", " node-1 ",
                "discovery.addresses", "10.0.0.1:47500..47509, 10.0.0.2:47500 ,", "failure.handler", "HALT",
                "local.address", "")), null);

        assertThat(s.workDirectory().isAbsolute()).isTrue();
        assertThat(s.workDirectory().endsWith(Paths.get("relative", "ignite"))).isTrue();
        assertThat(s.walMode()).isEqualTo(GridSettings.WalMode.LOG_ONLY);
        assertThat(s.consistentId()).isEqualTo("node-1");
        assertThat(s.discoveryAddresses()).containsExactly("10.0.0.1:47500..47509", "10.0.0.2:47500");
        assertThat(s.haltOnFailure()).isTrue();
        assertThat(s.localAddress()).isEmpty();
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("wal.mode", "SOMETIMES")), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("wal.mode")
                .hasMessageContaining("SOMETIMES");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("discovery.port", 0)), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("discovery.port");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("discovery.addresses", " , ")), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("discovery.addresses");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("data.region.max.size.mb", 1)), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("data.region.max.size.mb");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("failure.handler", "ignore")), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("failure.handler");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(Map.of("instance.name", " ")), null))
                .isInstanceOf(GridStartupException.class).hasMessageContaining("instance.name");
        assertThatThrownBy(() -> GridSettings.from(TestConfigs.gridConfig(
                Map.of("discovery.mode", "kubernetes", "kubernetes.service.name", "")), null))
                        .isInstanceOf(GridStartupException.class).hasMessageContaining("kubernetes.service.name");
    }

    @Test
    void localNodeSettingsStayOnLoopbackWithTheGivenPorts() {
        GridSettings s = GridSettings.localNode("t", Paths.get("/tmp/x"), 48000, 48100);

        assertThat(s.discoveryAddresses()).isEqualTo(List.of("127.0.0.1:48000..48002"));
        assertThat(s.discoveryPort()).isEqualTo(48000);
        assertThat(s.communicationPort()).isEqualTo(48100);
        assertThat(s.withWalMode(GridSettings.WalMode.LOG_ONLY).walMode()).isEqualTo(GridSettings.WalMode.LOG_ONLY);
        assertThat(s.withPersistence(false).persistenceEnabled()).isFalse();
    }
}
