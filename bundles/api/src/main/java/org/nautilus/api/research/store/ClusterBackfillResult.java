package org.nautilus.api.research.store;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link DistributedBackfill} did, node by node.
 *
 * @param shares  each node's share of the work, in node order
 * @param elapsed wall time from the split to the last node's answer
 */
public record ClusterBackfillResult(List<NodeShare> shares, Duration elapsed) {

    public ClusterBackfillResult {
        shares = List.copyOf(shares);
    }

    /**
     * One node's share.
     *
     * @param node        the node's consistent id
     * @param partitions  feature-cache partitions whose instruments it computed
     * @param instruments instruments it backfilled
     * @param bars        bars it wrote
     * @param values      factor values it wrote
     * @param elapsed     its own time
     * @param failures    instruments that failed there, with why
     */
    public record NodeShare(String node, int partitions, int instruments, long bars, long values, Duration elapsed,
            List<String> failures) {
        public NodeShare {
            failures = List.copyOf(failures);
        }
    }

    public long values() {
        return shares.stream().mapToLong(NodeShare::values).sum();
    }

    public int instruments() {
        return shares.stream().mapToInt(NodeShare::instruments).sum();
    }
}
