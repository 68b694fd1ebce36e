package org.nautilus.shell.recovery.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.cluster.NodeRecovery;
import org.nautilus.api.cluster.RejoinPlan;

@Command(scope = "nautilus", name = "cluster-rejoin", description = "Brings back a node whose grid data Ignite cannot "
        + "use: moves the data aside and lets the node rejoin empty, taking its partitions from the other nodes.", detailedDescription = "For a node whose grid fails to start on its own data, e.g. with Ignite's 'Restoring of\n"
                + "BaselineTopology history has failed' (while the other nodes wait for it). Without --yes it only\n"
                + "prints what it would do, or why it must not (the grid runs here; no backups). With --yes it moves\n"
                + "the grid's work directory aside (kept, delete it later) and starts the grid again: the node joins\n"
                + "empty and rebalances its partitions from their backups on the other nodes.")
@Service
public class ClusterRejoinCommand implements Action {

    @Reference
    NodeRecovery recovery;

    @Option(name = "-y", aliases = "--yes", description = "carry out the plan (without it: only print it)")
    boolean yes;

    @Override
    public Object execute() {
        RejoinPlan plan = recovery.planRejoin();
        System.out.printf("Node %s: discard this node's grid data and rejoin the cluster empty%n", plan.node());
        for (int i = 0; i < plan.steps().size(); i++) {
            System.out.printf("  %d. %s%n", i + 1, plan.steps().get(i));
        }
        if (!plan.allowed()) {
            System.out.println("Refused: " + plan.refusal());
            throw new IllegalStateException("nautilus:cluster-rejoin refused: " + plan.refusal());
        }
        if (!yes) {
            System.out.println("Nothing done. Run nautilus:cluster-rejoin --yes to do it.");
            return null;
        }
        RejoinPlan done = recovery.rejoin();
        System.out.printf("Moved %s to %s. The grid is starting again; watch nautilus:status and nautilus:cluster.%n",
                done.workDirectory(), done.movedTo());
        return null;
    }
}
