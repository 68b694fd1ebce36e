package org.nautilus.shell.internal;

import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyService;

@Command(scope = "nautilus", name = "strategies", description = "Lists the strategy plugins: state, portfolio, "
        + "instruments and what each did since it started.", detailedDescription = "Each strategy is configured in etc/nautilus.strategy.<name>.cfg, a - in the name written _ (portfolio, instruments, "
                + "venue, autostart, flatten.on.stop and its own parameters). Start and stop one with "
                + "nautilus:strategy-start / nautilus:strategy-stop.")
@Service
public class ListStrategiesCommand implements Action {

    @Reference
    StrategyService strategies;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("STRATEGY");
        table.column("STATE");
        table.column("PORTFOLIO");
        table.column("INSTRUMENTS");
        table.column("EVENTS").alignRight();
        table.column("ORDERS").alignRight();
        table.column("FILLS").alignRight();
        table.column("SINCE");
        table.column("DESCRIPTION / ERROR");
        for (StrategyInfo s : strategies.strategies()) {
            table.addRow().addContent(s.name(), s.state(), Text.orNone(s.portfolio()),
                    s.instruments().stream().map(Object::toString).sorted().collect(Collectors.joining(",")),
                    s.events(), s.orders(), s.fills(), s.since() == null ? "-" : Text.dateTime(s.since()),
                    s.lastError() != null ? s.lastError() : s.description());
        }
        Text.print(table, session);
        return null;
    }
}
