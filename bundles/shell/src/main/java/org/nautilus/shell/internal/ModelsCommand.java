package org.nautilus.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.signal.ServedModel;
import org.nautilus.api.research.signal.SignalService;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;

@Command(scope = "nautilus", name = "models", description = "Lists the model families deployed and the registered models with versions, aliases and lineage.", detailedDescription = "  nautilus:models              families, then one line per registered model version\n"
        + "  nautilus:models -f           families with their parameters and defaults\n"
        + "  nautilus:models NAME         one model: versions, lineage (run, dataset, code) and alias history")
@Service
public class ModelsCommand implements Action {

    @Option(name = "-f", aliases = "--families", description = "show each family's parameters and defaults")
    boolean families;

    @Argument(index = 0, name = "NAME", description = "a registered model")
    @Completion(ModelNameCompleter.class)
    String name;

    @Reference
    ModelRegistry registry;

    @Reference(optional = true)
    SignalService signals;

    @Reference(optional = true)
    List<Model> models;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (name == null) {
            ShellTable table = new ShellTable();
            table.column("FAMILY");
            table.column("LIBRARY");
            table.column(families ? "PARAMETERS (defaults)" : "DESCRIPTION");
            for (Model model : models == null ? List.<Model> of() : models) {
                table.addRow().addContent(model.family(), model.library(),
                        families ? new TreeMap<>(model.defaultParameters()).toString() : model.description());
            }
            Text.print(table, session);
        }
        List<RegisteredModel> registered = name == null ? registry.models()
                : List.of(registry.model(name).orElseThrow(() -> new IllegalArgumentException("no registered model '"
                        + name + "'; models: " + registry.models().stream().map(RegisteredModel::name).toList())));
        Map<String, ServedModel> serving = new TreeMap<>();
        if (signals != null) {
            signals.served().forEach(s -> serving.put(s.model() + "/" + s.alias(), s));
        }
        ShellTable table = new ShellTable();
        table.column("MODEL");
        table.column("VERSION").alignRight();
        table.column("ALIASES");
        table.column("FAMILY");
        table.column("RUN");
        table.column("DATASET");
        table.column("SERVING");
        if (name != null) {
            table.column("CODE");
        }
        for (RegisteredModel model : registered) {
            for (ModelVersion v : model.versions()) {
                StringBuilder aliases = new StringBuilder();
                StringBuilder served = new StringBuilder();
                model.aliases().forEach((alias, version) -> {
                    if (version == v.version()) {
                        aliases.append(aliases.isEmpty() ? "" : ",").append(alias);
                        ServedModel s = serving.get(model.name() + "/" + alias);
                        if (s != null) {
                            served.append(served.isEmpty() ? "" : "; ").append(alias).append(' ').append(s.state())
                                    .append(s.detail() == null ? "" : " (" + s.detail() + ")")
                                    .append(", ").append(s.published()).append(" batches");
                        }
                    }
                });
                var row = table.addRow();
                row.addContent(model.name(), v.version(), aliases.toString(), v.family(), v.run(),
                        v.datasetDigest() == null ? "-"
                                : v.datasetDigest().substring(0, Math.min(19, v.datasetDigest().length())),
                        served.toString());
                if (name != null) {
                    row.addContent(v.codeVersion().toString());
                }
            }
        }
        Text.print(table, session);
        if (name != null) {
            ShellTable history = new ShellTable();
            history.column("TIME");
            history.column("ALIAS");
            history.column("CHANGE");
            history.column("USER");
            for (AliasChange c : registry.aliasHistory(name)) {
                history.addRow().addContent(Text.dateTime(c.time()), c.alias(), c.previous() + " -> " + c.version(),
                        c.user());
            }
            Text.print(history, session);
        }
        return null;
    }
}
