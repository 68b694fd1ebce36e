package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.cluster.ClusterNode;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.cluster.ClusterStatus;

@Command(scope = "nautilus", name = "cluster", description = "Shows the cluster: its server nodes, the partitions of "
        + "the trading state each holds (primary/backup), the baseline (nodes holding persistent data, offline ones "
        + "included) and the node running the OMS with its leadership epoch.")
@Service
public class ClusterCommand implements Action {

    @Reference
    ClusterService cluster;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ClusterStatus status = cluster.status();
        System.out.printf("Cluster %s: %d node(s) online, OMS on %s (leadership epoch %d)%n", status.state(),
                status.nodes().size(), status.omsLeader() == null ? "- (moving)" : status.omsLeader(),
                status.omsEpoch());
        System.out.printf("Trading state: %d partitions, %d backup(s) each, %d lost%n", status.partitions(),
                status.backups(), status.lostPartitions());
        ShellTable table = new ShellTable();
        table.column("NODE");
        table.column("ADDRESS");
        table.column("BASELINE");
        table.column("PRIMARY").alignRight();
        table.column("BACKUP").alignRight();
        table.column("ROLE");
        for (ClusterNode node : status.nodes()) {
            String role = (node.omsLeader() ? "OMS" : "forwards to OMS") + (node.local() ? " (this node)" : "");
            table.addRow().addContent(node.id(), node.addresses(), node.baseline() ? "yes" : "no",
                    node.primaryPartitions(), node.backupPartitions(), role);
        }
        for (String offline : status.offlineBaseline()) {
            table.addRow().addContent(offline, "-", "yes (offline)", 0, 0, "-");
        }
        Text.print(table, session);
        if (status.lostPartitions() > 0) {
            System.out.println("Lost partitions: the data they hold is unavailable until their nodes return.");
        }
        return null;
    }
}
