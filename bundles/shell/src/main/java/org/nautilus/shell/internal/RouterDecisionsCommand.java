package org.nautilus.shell.internal;

import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.VenueService;

@Command(scope = "nautilus", name = "router", description = "Lists the smart order router's recent decisions and why.", detailedDescription = "Newest first: where each order went (one venue, or several when split) and the\n"
        + "numbers the router compared (prices, fees, fill rates, sizes).")
@Service
public class RouterDecisionsCommand implements Action {

    @Option(name = "-n", aliases = "--last", description = "how many decisions (default 20)")
    int last = 20;

    @Reference
    VenueService venues;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ORDER").alignRight();
        table.column("TIME (UTC)");
        table.column("SIDE");
        table.column("QTY").alignRight();
        table.column("SYMBOL");
        table.column("ALLOCATION");
        table.column("REASON");
        for (RoutingDecision d : venues.decisions(last)) {
            String allocation = d.allocations().isEmpty() ? "none"
                    : d.allocations().stream()
                            .map(a -> a.venueId() + ":" + a.quantity()
                                    + (a.expectedPrice() == null ? "" : "@" + a.expectedPrice()))
                            .collect(Collectors.joining(" "));
            table.addRow().addContent(d.orderId(), Text.time(d.timestamp()), d.side(), d.quantity(), d.instrumentId(),
                    allocation, d.reason());
        }
        Text.print(table, session);
        return null;
    }
}
