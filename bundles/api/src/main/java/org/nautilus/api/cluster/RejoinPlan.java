package org.nautilus.api.cluster;

import java.util.List;
import java.util.Objects;

/**
 * What {@link NodeRecovery#rejoin()} does on one node.
 *
 * @param node          the node's consistent id
 * @param workDirectory the grid data that is moved aside
 * @param movedTo       where it goes (kept until the operator deletes it)
 * @param backups       backup copies of each partition in the cluster (the copies the node's data comes back from)
 * @param steps         what happens, in order, in words
 * @param refusal       why it must not be done now, {@code null} if it may
 */
public record RejoinPlan(String node, String workDirectory, String movedTo, int backups, List<String> steps,
        String refusal) {

    public RejoinPlan {
        Objects.requireNonNull(node, "node");
        steps = List.copyOf(steps);
    }

    public boolean allowed() {
        return refusal == null;
    }
}
