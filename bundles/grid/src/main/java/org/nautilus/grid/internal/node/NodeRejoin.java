package org.nautilus.grid.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.nautilus.api.cluster.RejoinPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans and carries out the rejoin of a node whose persistent grid data Ignite cannot use: the work directory is
 * moved aside (kept) so the node starts empty, takes the baseline and its history from the others and gets its
 * partitions back from their backups. Plain Java: {@link GridNode} uses it, tests call it directly.
 */
public final class NodeRejoin {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRejoin.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private NodeRejoin() {
    }

    /**
     * @param grid where this node's grid is: only a grid that is down can be recovered (moving the data of a running
     *             or starting grid from under it would lose it)
     */
    public static RejoinPlan plan(GridSettings settings, GridState grid, Instant now) {
        Path work = settings.workDirectory();
        Path movedTo = work.resolveSibling(work.getFileName() + ".discarded-" + STAMP.format(now));
        List<String> steps = List.of(
                "move " + work + " to " + movedTo
                        + " (kept: delete it once the node is back and the cluster is healthy)",
                "start the grid on this node again: it joins the cluster empty and takes the baseline, and its "
                        + "history, from the other nodes; a stopped cluster activates once every baseline node is back",
                "the partitions this node held come back from their " + settings.cacheBackups() + " backup cop"
                        + (settings.cacheBackups() == 1 ? "y" : "ies") + " on the other nodes (rebalancing)",
                "CHECK FIRST: this is safe only if every other baseline node was online and caught up when this node "
                        + "stopped. Whatever was written while one of them was down (e.g. killed, then the cluster "
                        + "stopped before it came back) has its only current copy here and is lost with it");
        return new RejoinPlan(settings.consistentId(), work.toString(), movedTo.toString(), settings.cacheBackups(),
                steps, refusal(settings, grid));
    }

    private static String refusal(GridSettings settings, GridState grid) {
        Path work = settings.workDirectory();
        if (grid == GridState.RUNNING) {
            return "the grid runs on this node: its data is in use and there is nothing to recover";
        }
        if (grid == GridState.STARTING) {
            return "the grid is starting on this node (its data is in use): wait until it has started or failed "
                    + "(nautilus:status, the log)";
        }
        if (!settings.persistenceEnabled()) {
            return "persistence.enabled = false: this node keeps no grid data to discard";
        }
        if (settings.cacheBackups() < 1) {
            return "cache.backups = 0: this node's data is the only copy of its partitions; discarding it loses "
                    + "them. Restore " + work + " from a backup instead";
        }
        if (isEmpty(work)) {
            return work + " is missing or empty: nothing to move aside (start the grid: it joins empty)";
        }
        return null;
    }

    private static boolean isEmpty(Path directory) {
        if (!Files.isDirectory(directory)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves the work directory aside as planned; the caller starts the grid afterwards. */
    public static void execute(RejoinPlan plan) throws IOException {
        if (!plan.allowed()) {
            throw new IllegalStateException("not rejoining: " + plan.refusal());
        }
        // A rename in the same parent directory: atomic, nothing copied, nothing deleted.
        Files.move(Path.of(plan.workDirectory()), Path.of(plan.movedTo()), StandardCopyOption.ATOMIC_MOVE);
        LOG.warn("Node {}: moved its grid data {} aside to {}; the grid starts empty and rejoins the cluster, taking "
                + "its partitions from the backups on the other nodes", plan.node(), plan.workDirectory(),
                plan.movedTo());
    }
}
