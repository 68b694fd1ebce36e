package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.TrackingService;

/** Completes the ids of the 200 newest top-level runs. */
@Service
public class RunCompleter implements Completer {

    @Reference
    TrackingService tracking;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        tracking.runs(new RunQuery(null, null, null, null, true, 200)).stream().map(Run::id)
                .forEach(ids.getStrings()::add);
        return ids.complete(session, commandLine, candidates);
    }
}
