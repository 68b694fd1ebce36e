package org.nautilus.api.cluster;

import java.util.Objects;

/**
 * One server node of the grid.
 *
 * @param id                its consistent id (stable across restarts)
 * @param addresses         where the other nodes reach it (its communication port), e.g. {@code 127.0.0.1:47100}
 * @param local             it is the node answering
 * @param omsLeader         the OMS runs on it
 * @param baseline          it belongs to the baseline topology (it holds persistent data)
 * @param primaryPartitions partitions of the trading state it holds as primary
 * @param backupPartitions  partitions it holds as backup
 */
public record ClusterNode(String id, String addresses, boolean local, boolean omsLeader, boolean baseline,
        int primaryPartitions, int backupPartitions) {

    public ClusterNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(addresses, "addresses");
    }
}
