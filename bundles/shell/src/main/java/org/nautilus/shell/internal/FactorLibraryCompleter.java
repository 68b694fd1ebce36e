package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;

/** Completes the names of the factor libraries the feature engine runs. */
@Service
public class FactorLibraryCompleter implements Completer {

    @Reference
    FactorService factors;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter libraries = new StringsCompleter();
        factors.factors().stream().map(FactorInfo::library).filter(l -> !l.isEmpty()).distinct()
                .forEach(libraries.getStrings()::add);
        return libraries.complete(session, commandLine, candidates);
    }
}
