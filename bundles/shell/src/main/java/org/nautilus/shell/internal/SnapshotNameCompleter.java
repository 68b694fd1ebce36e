package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.snapshot.SnapshotService;

/** Completes the names of the snapshots on the target. */
@Service
public class SnapshotNameCompleter implements Completer {

    @Reference
    SnapshotService snapshots;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        snapshots.list().forEach(s -> names.getStrings().add(s.name()));
        return names.complete(session, commandLine, candidates);
    }
}
