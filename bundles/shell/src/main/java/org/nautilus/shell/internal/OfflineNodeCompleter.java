package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.cluster.ClusterService;

/** Completes the ids of baseline nodes that are offline (the ones nautilus:baseline remove accepts). */
@Service
public class OfflineNodeCompleter implements Completer {

    @Reference
    ClusterService cluster;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        ids.getStrings().addAll(cluster.status().offlineBaseline());
        return ids.complete(session, commandLine, candidates);
    }
}
