package org.nautilus.grid.internal.node;

import java.util.List;
import org.apache.ignite.ShutdownPolicy;

/** Teardown of the several in-JVM grid nodes a test started. */
public final class TestClusters {

    private TestClusters() {
    }

    /**
     * Stops {@code nodes}, the last started first, without waiting for copies: a graceful policy would wait for backups
     * that the teardown itself removes.
     */
    public static void stopImmediately(List<EmbeddedGrid> nodes) {
        if (!nodes.isEmpty()) {
            nodes.get(0).ignite().cluster().shutdownPolicy(ShutdownPolicy.IMMEDIATE);
        }
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
