package org.nautilus.shell.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.tracking.MetricPoint;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrackingService;

@Command(scope = "nautilus", name = "runs", description = "Lists tracked training runs (newest first), or shows one run in full.", detailedDescription = "  nautilus:runs                       the 20 newest runs (folds left out)\n"
        + "  nautilus:runs -e aapl-daily -n 0    every run of an experiment\n"
        + "  nautilus:runs -p family=lightgbm    runs whose parameter has that value\n"
        + "  nautilus:runs RUN                   params, metrics (with their history), tags, lineage, artifacts, folds\n"
        + "  nautilus:runs --delete RUN          deletes a run, its folds and files for good (audited)\n"
        + "  nautilus:runs --delete-experiment E deletes an experiment and all its runs for good (audited)\n"
        + "A run's artifacts (model.bin, report.html, folds.png, ...) are listed with their digests by nautilus:runs RUN,\n"
        + "checked against the artifact store by nautilus:artifacts RUN, and served over HTTP at\n"
        + "/api/v1/runs/RUN/artifacts/NAME.")
@Service
public class RunsCommand implements Action {

    @Option(name = "-e", aliases = "--experiment", description = "only this experiment's runs")
    @Completion(ExperimentCompleter.class)
    String experiment;

    @Option(name = "-s", aliases = "--status", description = "RUNNING, FINISHED or FAILED")
    String status;

    @Option(name = "-p", aliases = "--param", description = "KEY=VALUE a parameter must have", multiValued = true)
    List<String> params;

    @Option(name = "-c", aliases = "--children", description = "also list the folds' child runs")
    boolean children;

    @Option(name = "-n", aliases = "--limit", description = "at most this many (0 for all), default 20")
    int limit = 20;

    @Option(name = "--delete", description = "delete the run RUN for good")
    boolean delete;

    @Option(name = "--delete-experiment", description = "delete this experiment and its runs for good")
    @Completion(ExperimentCompleter.class)
    String deleteExperiment;

    @Argument(index = 0, name = "RUN", description = "a run id: show it in full")
    @Completion(RunCompleter.class)
    String run;

    @Reference
    TrackingService tracking;

    @Reference
    Session session;

    @Override
    public Object execute() {
        if (deleteExperiment != null) {
            tracking.deleteExperiment(deleteExperiment, ModelPromoteCommand.user());
            session.getConsole().println("experiment " + deleteExperiment + " deleted");
            return null;
        }
        if (delete) {
            if (run == null) {
                throw new IllegalArgumentException("--delete needs a RUN");
            }
            tracking.deleteRun(run, ModelPromoteCommand.user());
            session.getConsole().println("run " + run + " deleted");
            return null;
        }
        if (run != null) {
            show(tracking.run(run).orElseThrow(() -> new IllegalArgumentException("no run " + run)));
            return null;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String p : params == null ? List.<String> of() : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("-p takes KEY=VALUE, got '" + p + "'");
            }
            wanted.put(p.substring(0, eq), p.substring(eq + 1));
        }
        RunStatus state = status == null ? null : SubmitOrderCommand.parse(RunStatus.class, status, "run status");
        List<Run> runs = tracking.runs(new RunQuery(experiment, state, wanted, null, !children, limit));
        ShellTable table = new ShellTable();
        table.column("RUN");
        table.column("EXPERIMENT");
        table.column("NAME");
        table.column("STATUS");
        table.column("STARTED");
        table.column("TOOK").alignRight();
        table.column("ROWS").alignRight();
        table.column("METRICS");
        for (Run r : runs) {
            table.addRow().addContent(r.parent() == null ? r.id() : "  " + r.id(), r.experiment(), r.name(), r.status(),
                    Text.dateTime(r.started()),
                    r.ended() == null ? "-" : Duration.between(r.started(), r.ended()).toMillis() + " ms",
                    r.params().getOrDefault("rows", "-"), Text.metrics(r.metrics()));
        }
        Text.print(table, session);
        return null;
    }

    private void show(Run r) {
        var out = session.getConsole();
        out.println("run " + r.id() + " (" + r.name() + ") in " + r.experiment()
                + (r.parent() == null ? "" : ", fold of " + r.parent()));
        out.println("status " + r.status() + ", started " + Text.dateTime(r.started())
                + (r.ended() == null ? "" : ", ended " + Text.dateTime(r.ended())) + ", seed " + r.seed());
        out.println("dataset " + Text.orNone(r.datasetDigest()));
        out.println("code " + r.codeVersion());
        ShellTable params = new ShellTable();
        params.column("PARAMETER");
        params.column("VALUE");
        r.params().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> params.addRow().addContent(e.getKey(), e.getValue()));
        Text.print(params, session);
        ShellTable metrics = new ShellTable();
        metrics.column("METRIC");
        metrics.column("LATEST").alignRight();
        metrics.column("HISTORY (step: value)");
        r.metrics().keySet().stream().sorted().forEach(key -> {
            StringBuilder history = new StringBuilder();
            for (MetricPoint p : tracking.metricHistory(r.id(), key)) {
                history.append(history.isEmpty() ? "" : "  ").append(p.step()).append(": ")
                        .append(Text.number(p.value()));
            }
            metrics.addRow().addContent(key, Text.number(r.metrics().get(key)), history.toString());
        });
        Text.print(metrics, session);
        if (!r.tags().isEmpty()) {
            out.println("tags " + r.tags());
        }
        for (String artifact : r.artifacts()) {
            out.println("artifact " + artifact + " " + Text.orNone(r.artifactDigests().get(artifact)));
        }
        List<Run> folds = tracking.runs(new RunQuery(r.experiment(), null, null, null, false, 0)).stream()
                .filter(c -> r.id().equals(c.parent())).toList();
        for (Run fold : folds.stream().sorted(Comparator.comparing(Run::name)).toList()) {
            out.println(fold.name() + " " + fold.id() + " " + fold.params() + " " + Text.metrics(fold.metrics()));
        }
    }
}
