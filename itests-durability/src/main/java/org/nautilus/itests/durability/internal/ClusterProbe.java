package org.nautilus.itests.durability.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.cluster.ClusterNode;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.cluster.ClusterStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Test-only: writes what {@link ClusterService} says to {@code ${karaf.home}/cluster-status.properties} twice a
 * second, for the tests that start several nodes ({@code leader}, {@code epoch}, {@code state}, {@code lost},
 * {@code nodes} as {@code id:baseline:primary:backup} comma-separated, {@code offline}).
 */
@Component(immediate = true)
public final class ClusterProbe {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "durability-cluster-probe");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ClusterProbe(@Reference ClusterService cluster) {
        Path home = Paths.get(System.getProperty("karaf.home", "."));
        thread.scheduleWithFixedDelay(() -> write(cluster, home), 0, 500, TimeUnit.MILLISECONDS);
    }

    private static void write(ClusterService cluster, Path home) {
        try {
            ClusterStatus status = cluster.status();
            StringBuilder nodes = new StringBuilder();
            for (ClusterNode node : status.nodes()) {
                nodes.append(nodes.length() == 0 ? "" : ",").append(node.id()).append(':').append(node.baseline())
                        .append(':').append(node.primaryPartitions()).append(':').append(node.backupPartitions());
            }
            String text = "state=" + status.state() + "\nleader="
                    + (status.omsLeader() == null ? "" : status.omsLeader())
                    + "\nepoch=" + status.omsEpoch() + "\nlost=" + status.lostPartitions() + "\nbackups="
                    + status.backups() + "\nnodes=" + nodes + "\noffline=" + String.join(",", status.offlineBaseline())
                    + "\n";
            Path tmp = home.resolve("cluster-status.properties.tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, home.resolve("cluster-status.properties"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // the grid is stopping or moving: the next round writes again
        }
    }

    @Deactivate
    void stop() {
        thread.shutdownNow();
    }
}
