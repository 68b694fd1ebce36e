package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.RegisteredModel;

/** Completes model aliases: champion, challenger and those in use. */
@Service
public class AliasCompleter implements Completer {

    @Reference
    ModelRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter aliases = new StringsCompleter();
        aliases.getStrings().add(RegisteredModel.CHAMPION);
        aliases.getStrings().add(RegisteredModel.CHALLENGER);
        registry.models().forEach(m -> aliases.getStrings().addAll(m.aliases().keySet()));
        return aliases.complete(session, commandLine, candidates);
    }
}
