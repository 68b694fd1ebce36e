package org.nautilus.grid.internal.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a dead node out of the baseline topology: the cluster then stops counting on it (a whole-cluster restart no
 * longer waits for it) and Ignite gives the partitions it held new backups on the remaining nodes. The baseline
 * never shrinks by itself here (see {@link EmbeddedGrid}), so this is the operator's tool for a node gone for good.
 */
public final class BaselineRemoval {

    private static final Logger LOG = LoggerFactory.getLogger(BaselineRemoval.class);

    private BaselineRemoval() {
    }

    /**
     * @return the consistent ids of the baseline after the removal
     * @throws IllegalArgumentException if {@code node} is not in the baseline
     * @throws IllegalStateException    if it is online, or the cluster is inactive or has no baseline
     */
    public static List<String> remove(Ignite ignite, String node) {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException(
                    "name the node to remove (its consistent id, as nautilus:cluster shows)");
        }
        if (!ignite.cluster().state().active()) {
            throw new IllegalStateException("the cluster is " + ignite.cluster().state() + ": the baseline can only be "
                    + "changed while it is active");
        }
        Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
        if (baseline == null || baseline.isEmpty()) {
            throw new IllegalStateException("this cluster has no baseline (persistence is off): nothing to remove");
        }
        List<String> ids = new ArrayList<>();
        baseline.forEach(b -> ids.add(String.valueOf(b.consistentId())));
        if (!ids.contains(node)) {
            throw new IllegalArgumentException(
                    "node '" + node + "' is not in the baseline " + ids.stream().sorted().toList());
        }
        for (ClusterNode online : ignite.cluster().forServers().nodes()) {
            if (node.equals(String.valueOf(online.consistentId()))) {
                throw new IllegalStateException(
                        "node '" + node + "' is online: stop it first (only a node that is gone "
                                + "can be removed; its partitions must have another copy)");
            }
        }
        List<BaselineNode> remaining = new ArrayList<>();
        for (BaselineNode b : baseline) {
            if (!node.equals(String.valueOf(b.consistentId()))) {
                remaining.add(b);
            }
        }
        ignite.cluster().setBaselineTopology(remaining);
        List<String> after = remaining.stream().map(b -> String.valueOf(b.consistentId())).sorted().toList();
        LOG.warn("cluster: node {} removed from the baseline, which is now {}; partitions only it held are lost, the "
                + "others get new backups", node, after);
        return after;
    }
}
