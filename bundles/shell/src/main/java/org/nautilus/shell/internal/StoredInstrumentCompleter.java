package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.store.FactorBackfill;
import org.nautilus.api.research.store.FactorStore;

/** Completes the symbols the factor store has data of, and those a backfill can read bars of. */
@Service
public class StoredInstrumentCompleter implements Completer {

    @Reference
    FactorStore store;

    @Reference
    FactorBackfill backfill;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter symbols = new StringsCompleter();
        store.instruments().forEach(i -> symbols.getStrings().add(i.value()));
        backfill.instruments().forEach(i -> symbols.getStrings().add(i.value()));
        return symbols.complete(session, commandLine, candidates);
    }
}
