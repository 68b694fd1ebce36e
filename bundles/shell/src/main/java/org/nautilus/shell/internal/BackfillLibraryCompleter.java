package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.store.FactorBackfill;

/** Completes the factor libraries a backfill can compute. */
@Service
public class BackfillLibraryCompleter implements Completer {

    @Reference
    FactorBackfill backfill;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().addAll(backfill.libraries());
        return names.complete(session, commandLine, candidates);
    }
}
