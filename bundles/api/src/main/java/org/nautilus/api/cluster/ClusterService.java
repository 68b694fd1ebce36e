package org.nautilus.api.cluster;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** What {@code nautilus:cluster} shows: the nodes, where the partitions live and where the OMS runs. */
@ProviderType
public interface ClusterService {

    /**
     * Service property ({@code =true}) of the OMS, execution engine and position keeper that run on the leader
     * node only. Clients use the services without it: every node registers those (ranked {@link #CLUSTER_RANKING})
     * and they reach the leader's from anywhere, so they stay bound when the OMS moves.
     */
    String LOCAL_PROPERTY = "nautilus.cluster.local";

    /** The ranking of the cluster-wide OrderService, VenueService and PositionService: above the local ones. */
    int CLUSTER_RANKING = 100;

    ClusterStatus status();

    /**
     * Removes a node that is gone for good from the baseline topology ({@code nautilus:baseline remove}), so that
     * the cluster stops waiting for it (a whole-cluster restart activates without it) and its partitions get new
     * backups on the remaining nodes. Only an offline node can be removed.
     *
     * @param node the node's consistent id, as {@code nautilus:cluster} lists it
     * @return the baseline's node ids after the removal
     * @throws IllegalArgumentException if the node is not in the baseline
     * @throws IllegalStateException    if the node is online, or the cluster is not active or not persistent
     */
    List<String> removeFromBaseline(String node);
}
