package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;

@Command(scope = "nautilus", name = "venues", description = "Lists the registered execution venues (venue plugins).")
@Service
public class ListVenuesCommand implements Action {

    @Reference
    VenueService venues;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("VENUE");
        table.column("OPEN ORDERS").alignRight();
        table.column("STATE");
        table.column("DESCRIPTION");
        for (VenueInfo venue : venues.venues()) {
            table.addRow().addContent(venue.id(), venue.openOrders(), venue.availability(),
                    venue.reason() == null ? venue.description() : venue.description() + " [" + venue.reason() + "]");
        }
        Text.print(table, session);
        return null;
    }
}
