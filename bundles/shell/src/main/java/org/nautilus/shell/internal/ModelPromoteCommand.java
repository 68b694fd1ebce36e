package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.ShellUtil;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.ModelRegistry;

@Command(scope = "nautilus", name = "model-promote", description = "Points a model's alias (champion, challenger) at a version; serving swaps to it. Audited with your user.", detailedDescription = "  nautilus:model-promote aapl-lgbm 2 champion     version 2 serves live\n"
        + "  nautilus:model-promote aapl-lgbm 3 challenger   version 3 scores in shadow\n"
        + "Undo with nautilus:model-rollback NAME ALIAS.")
@Service
public class ModelPromoteCommand implements Action {

    @Argument(index = 0, name = "NAME", description = "the registered model", required = true)
    @Completion(ModelNameCompleter.class)
    String name;

    @Argument(index = 1, name = "VERSION", description = "the version", required = true)
    int version;

    @Argument(index = 2, name = "ALIAS", description = "champion, challenger, ...", required = true)
    @Completion(AliasCompleter.class)
    String alias;

    @Reference
    ModelRegistry registry;

    @Reference
    Session session;

    @Override
    public Object execute() {
        AliasChange change = registry.setAlias(name, alias, version, user());
        session.getConsole().println(change.model() + " " + change.alias() + ": version "
                + (change.previous() == 0 ? "none" : change.previous()) + " -> " + change.version() + " (by "
                + change.user() + ")");
        return null;
    }

    static String user() {
        String user = ShellUtil.getCurrentUserName();
        return user == null ? "unknown" : user;
    }
}
