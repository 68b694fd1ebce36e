package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.venue.VenueService;

/** Completes the ids of the registered venues. */
@Service
public class VenueCompleter implements Completer {

    @Reference
    VenueService venues;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        venues.venues().forEach(v -> ids.getStrings().add(v.id().value()));
        return ids.complete(session, commandLine, candidates);
    }
}
