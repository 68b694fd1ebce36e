package org.nautilus.shell.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.TrackingService;

@Command(scope = "nautilus", name = "artifacts", description = "Lists a run's artifacts in the artifact store, with their sizes and digests checked against the run's record.", detailedDescription = "  nautilus:artifacts RUN    each artifact the run logged: its size in the store, the digest logged with\n"
        + "                           the run, and whether the store's copy is that content:\n"
        + "                           ok (the same digest), DIFFERS (changed or corrupted: it will not load),\n"
        + "                           MISSING (not in the store)\n"
        + "The store (etc/nautilus.artifacts.cfg, artifact.store: 'file', a directory shared by the nodes in a\n"
        + "cluster, or 's3', a bucket) is what a node that did not train a registered version loads it from.\n"
        + "Over HTTP: GET /api/v1/runs/RUN/artifacts.")
@Service
public class ArtifactsCommand implements Action {

    @Argument(index = 0, name = "RUN", description = "a run id", required = true)
    @Completion(RunCompleter.class)
    String run;

    @Reference
    TrackingService tracking;

    @Reference
    Session session;

    @Override
    public Object execute() {
        Run r = tracking.run(run).orElseThrow(() -> new IllegalArgumentException("no run " + run));
        Map<String, StoredArtifact> stored = tracking.storedArtifacts(run).stream()
                .collect(Collectors.toMap(StoredArtifact::name, Function.identity(), (a, b) -> a, TreeMap::new));
        session.getConsole()
                .println("run " + r.id() + " (" + r.name() + "), artifact store " + tracking.artifactStore());
        ShellTable table = new ShellTable();
        table.column("ARTIFACT");
        table.column("BYTES").alignRight();
        table.column("LOGGED DIGEST");
        table.column("STORE");
        for (String name : r.artifacts()) {
            StoredArtifact copy = stored.get(name);
            String logged = r.artifactDigests().get(name);
            table.addRow().addContent(name, copy == null ? "-" : copy.bytes(), Text.orNone(logged),
                    state(logged, copy));
        }
        Text.print(table, session);
        return null;
    }

    static String state(String logged, StoredArtifact copy) {
        if (copy == null) {
            return "MISSING";
        }
        if (logged == null) {
            return "ok (no digest logged)";
        }
        return logged.equals(copy.digest()) ? "ok" : "DIFFERS (" + copy.digest() + ")";
    }
}
