package org.nautilus.shell.internal;

import java.util.Comparator;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.signal.ServedModel;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalService;

@Command(scope = "nautilus", name = "signals", description = "Shows the models being served (by alias) and their latest signals per instrument.")
@Service
public class SignalsCommand implements Action {

    @Argument(index = 0, name = "MODEL", description = "only this registered model")
    @Completion(ModelNameCompleter.class)
    String model;

    @Reference
    SignalService signals;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable served = new ShellTable();
        served.column("MODEL");
        served.column("ALIAS");
        served.column("VERSION").alignRight();
        served.column("FAMILY");
        served.column("MODE");
        served.column("STATE");
        served.column("BATCHES").alignRight();
        for (ServedModel s : signals.served()) {
            if (model == null || model.equals(s.model())) {
                served.addRow().addContent(s.model(), s.alias(), s.version(), s.family(),
                        s.shadow() ? "shadow" : "live",
                        s.detail() == null ? s.state() : s.state() + " (" + s.detail() + ")", s.published());
            }
        }
        Text.print(served, session);
        ShellTable latest = new ShellTable();
        latest.column("MODEL");
        latest.column("ALIAS");
        latest.column("VERSION").alignRight();
        latest.column("INSTRUMENT");
        latest.column("SIGNAL").alignRight();
        latest.column("BAR CLOSE");
        signals.latest().stream().filter(b -> model == null || model.equals(b.model()))
                .sorted(Comparator.comparing(SignalBatch::model).thenComparing(SignalBatch::alias))
                .forEach(b -> {
                    for (Signal s : b.signals()) {
                        latest.addRow().addContent(s.model(), s.alias(), s.version(), s.instrument(),
                                String.format("%.6f", s.value()), Text.dateTime(s.time()));
                    }
                });
        Text.print(latest, session);
        signals.latest().stream().filter(b -> (model == null || model.equals(b.model())) && !b.missing().isEmpty())
                .forEach(b -> session.getConsole().printf("%s %s, close %s: no signal for %d instrument(s): %s%n",
                        b.model(), b.alias(), Text.dateTime(b.time()), b.missing().size(), b.missing()));
        return null;
    }
}
