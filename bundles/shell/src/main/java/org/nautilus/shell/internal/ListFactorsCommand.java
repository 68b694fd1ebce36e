package org.nautilus.shell.internal;

import java.util.Comparator;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;

@Command(scope = "nautilus", name = "factors", description = "Lists the factor plugins and their latest values per instrument.")
@Service
public class ListFactorsCommand implements Action {

    @Reference
    FactorService factors;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable plugins = new ShellTable();
        plugins.column("FACTOR");
        plugins.column("LOOKBACK").alignRight();
        plugins.column("DESCRIPTION");
        for (FactorInfo factor : factors.factors()) {
            plugins.addRow().addContent(factor.name(), factor.lookback(), factor.description());
        }
        Text.print(plugins, session);

        ShellTable values = new ShellTable();
        values.column("FACTOR");
        values.column("SYMBOL");
        values.column("VALUE").alignRight();
        values.column("AS OF");
        factors.latest().stream()
                .sorted(Comparator.comparing(FactorValue::factor).thenComparing(FactorValue::instrument))
                .forEach(v -> values.addRow().addContent(v.factor(), v.instrument(), Text.number(v.value()),
                        Text.dateTime(v.asOf())));
        System.out.println();
        Text.print(values, session);
        return null;
    }
}
