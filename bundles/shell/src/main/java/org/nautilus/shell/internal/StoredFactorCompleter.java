package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.store.FactorStore;

/** Completes the factor names the factor store has values of. */
@Service
public class StoredFactorCompleter implements Completer {

    @Reference
    FactorStore store;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().addAll(store.factors());
        return names.complete(session, commandLine, candidates);
    }
}
