package org.nautilus.grid.internal.cluster;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.services.Service;
import org.apache.ignite.services.ServiceConfiguration;
import org.apache.ignite.services.ServiceDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a cluster singleton off a node that is about to stop, while that node is still in the cluster. Ignite moves a
 * singleton only once its node has left the topology, and a gracefully stopping node leaves last of all (after every
 * bundle has stopped and its partitions have another up-to-date copy): the OMS was unreachable for the whole stop
 * (8–12 s in the rolling restart). Ignite has no "move" call, so the singleton is cancelled and deployed again with a
 * node filter that excludes the stopping node; the filter only compares the node's id, which is new on every start,
 * so a restarted node is a candidate again. Deploying it without a filter (every node does at start) is a no-op for
 * Ignite, which compares configurations ignoring the filter. Plain Java over Ignite's public service API.
 */
final class SingletonHandover {

    private static final Logger LOG = LoggerFactory.getLogger(SingletonHandover.class);

    private final Ignite ignite;
    private final String name;
    private final Supplier<Service> service;

    /**
     * @param name    the singleton's service name
     * @param service a new instance of the singleton's service, for each deployment
     */
    SingletonHandover(Ignite ignite, String name, Supplier<Service> service) {
        this.ignite = ignite;
        this.name = name;
        this.service = service;
    }

    /** The node the singleton runs on now, if it runs anywhere. */
    Optional<UUID> holder() {
        for (ServiceDescriptor descriptor : ignite.services().serviceDescriptors()) {
            if (descriptor.name().equals(name)) {
                for (Map.Entry<UUID, Integer> e : descriptor.topologySnapshot().entrySet()) {
                    if (e.getValue() != null && e.getValue() > 0) {
                        return Optional.of(e.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the singleton is deployed at all (it may be deployed and, for a moment, assigned nowhere). */
    boolean deployed() {
        return ignite.services().serviceDescriptors().stream().anyMatch(d -> d.name().equals(name));
    }

    /**
     * Deploys the singleton again if it is deployed but runs nowhere: seen when the node holding a handed-over
     * singleton left just after another node had joined (Ignite assigned it to no one). Returns whether it did.
     */
    boolean redeployIfStranded() {
        if (!deployed() || holder().isPresent()) {
            return false;
        }
        ignite.services().cancel(name);
        deploy();
        return true;
    }

    /** Makes the singleton run somewhere again: deployed again if stranded, deployed if it is not deployed at all. */
    void repair() {
        if (!redeployIfStranded()) {
            deploy();
        }
    }

    /** Deploys the singleton where Ignite chooses, unless it is deployed already (then nothing happens). */
    void deploy() {
        ignite.services().deployClusterSingleton(name, service.get());
    }

    /**
     * If the singleton runs on this node and another server node could take it: cancels it and deploys it again on a
     * node other than this one. Returns the node it moved to, or empty when it stayed (not here, or no other server
     * node). Each of the two steps waits at most {@code timeout}; a deployment that fails leaves the singleton
     * undeployed, which every node's {@link #deploy} repairs.
     */
    Optional<UUID> handOver(Duration timeout) {
        UUID local = ignite.cluster().localNode().id();
        // Whether its instance runs here: the descriptors' assignment may lag behind on any node.
        if (ignite.services().service(name) == null) {
            return Optional.empty();
        }
        if (ignite.cluster().forServers().forRemotes().nodes().isEmpty()) {
            LOG.info("cluster: no other server node to hand the {} singleton to; it stays until this node stops",
                    name);
            return Optional.empty();
        }
        long t0 = System.nanoTime();
        ignite.services().cancelAsync(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        ServiceConfiguration configuration = new ServiceConfiguration().setName(name).setService(service.get())
                .setTotalCount(1).setMaxPerNodeCount(1).setNodeFilter(new NotNodes(Set.of(local)));
        ignite.services().deployAsync(configuration).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        // The deployment's future ends before every node's view of the assignment has caught up.
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<UUID> moved = holder();
        while ((moved.isEmpty() || moved.get().equals(local)) && System.nanoTime() - deadline < 0) {
            sleep(20);
            moved = holder();
        }
        LOG.info("cluster: {} singleton handed over to node {} in {} ms (this node is stopping)", name,
                moved.map(this::consistentId).orElse("(not yet assigned)"), (System.nanoTime() - t0) / 1_000_000);
        return moved;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing the singleton over", e);
        }
    }

    private String consistentId(UUID node) {
        ClusterNode found = ignite.cluster().node(node);
        return found == null ? node.toString() : String.valueOf(found.consistentId());
    }

    /**
     * Every server node but the given ones (by node id, which a node gets anew on every start). A plain class: Ignite
     * marshals the filter with the service configuration, and its binary marshaller cannot set a record's fields.
     */
    static final class NotNodes implements IgnitePredicate<ClusterNode>, Serializable {

        private static final long serialVersionUID = 1L;

        private final HashSet<UUID> excluded;

        NotNodes(Set<UUID> excluded) {
            this.excluded = new HashSet<>(excluded);
        }

        @Override
        public boolean apply(ClusterNode node) {
            return !node.isClient() && !excluded.contains(node.id());
        }
    }
}
