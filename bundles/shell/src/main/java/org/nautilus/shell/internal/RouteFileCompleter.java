package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.routes.RouteService;

/** Completes the route files of etc/routes. */
@Service
public class RouteFileCompleter implements Completer {

    @Reference
    RouteService routes;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter files = new StringsCompleter();
        routes.files().forEach(f -> files.getStrings().add(f.file()));
        return files.complete(session, commandLine, candidates);
    }
}
