package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.FactorService;

/** Completes factor names (plugins and library definitions). */
@Service
public class FactorNameCompleter implements Completer {

    @Reference
    FactorService factors;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        factors.factors().forEach(f -> names.getStrings().add(f.name()));
        return names.complete(session, commandLine, candidates);
    }
}
