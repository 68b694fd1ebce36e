package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.ModelInfo;
import org.nautilus.api.research.ModelMetrics;
import org.nautilus.api.research.ModelService;

@Command(scope = "nautilus", name = "models", description = "Lists the model plugins, their training state and metrics.")
@Service
public class ListModelsCommand implements Action {

    @Reference
    ModelService models;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("MODEL");
        table.column("STATUS");
        table.column("LIBRARY");
        table.column("TRAIN/TEST").alignRight();
        table.column("METRICS (held-out)");
        table.column("FEATURES");
        for (ModelInfo model : models.models()) {
            ModelMetrics m = model.metrics();
            table.addRow().addContent(model.name(),
                    model.detail() == null ? model.status() : model.status() + " (" + model.detail() + ")",
                    m == null ? "-" : m.library(),
                    m == null ? "-" : m.trainingRows() + "/" + m.testRows(),
                    m == null ? "-" : Text.metrics(m.metrics()),
                    m == null ? "-" : String.join(",", m.features()));
        }
        Text.print(table, session);
        return null;
    }
}
