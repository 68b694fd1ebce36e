package org.nautilus.shell.internal;

import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.cluster.ClusterService;

@Command(scope = "nautilus", name = "baseline", description = "Removes a node that is gone for good from the grid's "
        + "baseline, so the cluster stops waiting for it and re-creates the backups it held on the other nodes.", detailedDescription = "  nautilus:baseline remove NODE    NODE is a consistent id that nautilus:cluster lists\n"
                + "                                   as 'yes (offline)'\n"
                + "Only an offline node can be removed. Partitions whose only copy was on it are lost (with\n"
                + "cache.backups >= 1 there are none unless two nodes are gone). A node started again later with\n"
                + "the same id joins as a new, empty node and is added back to the baseline.")
@Service
public class BaselineCommand implements Action {

    @Argument(index = 0, name = "action", description = "remove", required = true)
    @Completion(value = StringsCompleter.class, values = {"remove"})
    String action;

    @Argument(index = 1, name = "node", description = "the offline node's consistent id", required = true)
    @Completion(OfflineNodeCompleter.class)
    String node;

    @Reference
    ClusterService cluster;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        if (!"remove".equals(action)) {
            throw new IllegalArgumentException("unknown action '" + action + "': use remove");
        }
        List<String> after = cluster.removeFromBaseline(node);
        ShellAudit.record(audit, "BASELINE_REMOVE", node, null, "node " + node + " removed from the baseline",
                Map.of("baseline", String.join(",", after)));
        System.out.println("Removed " + node + " from the baseline; baseline now " + after);
        return null;
    }
}
