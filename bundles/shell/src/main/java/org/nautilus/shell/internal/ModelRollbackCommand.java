package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.ModelRegistry;

@Command(scope = "nautilus", name = "model-rollback", description = "Points a model's alias back at the version it had before its last change. Audited with your user.")
@Service
public class ModelRollbackCommand implements Action {

    @Argument(index = 0, name = "NAME", description = "the registered model", required = true)
    @Completion(ModelNameCompleter.class)
    String name;

    @Argument(index = 1, name = "ALIAS", description = "champion, challenger, ...", required = true)
    @Completion(AliasCompleter.class)
    String alias;

    @Reference
    ModelRegistry registry;

    @Reference
    Session session;

    @Override
    public Object execute() {
        AliasChange change = registry.rollback(name, alias, ModelPromoteCommand.user());
        session.getConsole().println(change.model() + " " + change.alias() + ": version " + change.previous() + " -> "
                + change.version() + " (rolled back by " + change.user() + ")");
        return null;
    }
}
