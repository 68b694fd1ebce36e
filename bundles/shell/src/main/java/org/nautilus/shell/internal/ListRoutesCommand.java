package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.routes.RouteFileInfo;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.api.routes.RouteService;

@Command(scope = "nautilus", name = "routes", description = "Lists the Camel routes and the route files in etc/routes.", detailedDescription = "Routes with their state and exchange counts, then each route file with the outcome\n"
        + "of its last load (a broken file shows file, line and reason; its old routes keep running).")
@Service
public class ListRoutesCommand implements Action {

    @Reference
    RouteService routes;

    @Reference
    Session session;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ROUTE");
        table.column("STATE");
        table.column("EXCHANGES").alignRight();
        table.column("FAILED").alignRight();
        table.column("SOURCE");
        table.column("FROM");
        for (RouteInfo route : routes.routes()) {
            table.addRow().addContent(route.id(), route.state(), route.exchanges(), route.failures(), route.source(),
                    route.from());
        }
        Text.print(table, session);

        ShellTable files = new ShellTable();
        files.column("FILE");
        files.column("LOADED");
        files.column("ROUTES");
        files.column("ERROR");
        for (RouteFileInfo file : routes.files()) {
            files.addRow().addContent(file.file(), file.loaded() ? "yes" : "NO", String.join(",", file.routeIds()),
                    Text.orNone(file.error()));
        }
        System.out.println();
        Text.print(files, session);
        return null;
    }
}
