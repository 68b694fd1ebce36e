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

/** Completes registered model names. */
@Service
public class ModelNameCompleter implements Completer {

    @Reference
    ModelRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        registry.models().stream().map(RegisteredModel::name).forEach(names.getStrings()::add);
        return names.complete(session, commandLine, candidates);
    }
}
