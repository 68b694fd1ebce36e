package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.ModelVersion;

@Command(scope = "nautilus", name = "model-register", description = "Registers a finished training run's model as the next version of a model (created if new).")
@Service
public class ModelRegisterCommand implements Action {

    @Argument(index = 0, name = "NAME", description = "the model name", required = true)
    @Completion(ModelNameCompleter.class)
    String name;

    @Argument(index = 1, name = "RUN", description = "the run id (nautilus:runs)", required = true)
    @Completion(RunCompleter.class)
    String run;

    @Reference
    ModelRegistry registry;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ModelVersion version = registry.register(name, run);
        session.getConsole().println(version.model() + " version " + version.version() + " from run " + version.run()
                + " (" + version.family() + ", dataset " + version.datasetDigest() + ")");
        return null;
    }
}
