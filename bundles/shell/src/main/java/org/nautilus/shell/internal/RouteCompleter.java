package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.routes.RouteService;

/** Completes route ids. */
@Service
public class RouteCompleter implements Completer {

    @Reference
    RouteService routes;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        routes.routes().forEach(r -> ids.getStrings().add(r.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
