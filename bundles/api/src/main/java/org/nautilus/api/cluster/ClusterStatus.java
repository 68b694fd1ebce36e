package org.nautilus.api.cluster;

import java.util.List;
import java.util.Objects;

/**
 * The cluster as one node sees it.
 *
 * @param state             the grid's state, e.g. {@code ACTIVE} or {@code INACTIVE}
 * @param nodes             the server nodes online, by id
 * @param offlineBaseline   baseline nodes that are not online (their partitions are served by backups)
 * @param omsLeader         the node running the OMS, {@code null} while it moves
 * @param omsEpoch          the leadership epoch (see {@link OmsLeadership#epoch()})
 * @param backups           backup copies of each partition of the trading state
 * @param partitions        partitions of the trading state
 * @param lostPartitions    partitions with no copy online (data unavailable until their nodes return)
 */
public record ClusterStatus(String state, List<ClusterNode> nodes, List<String> offlineBaseline, String omsLeader,
        long omsEpoch, int backups, int partitions, int lostPartitions) {

    public ClusterStatus {
        Objects.requireNonNull(state, "state");
        nodes = List.copyOf(nodes);
        offlineBaseline = List.copyOf(offlineBaseline);
    }
}
