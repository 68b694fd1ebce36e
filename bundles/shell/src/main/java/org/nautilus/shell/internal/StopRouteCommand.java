package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "nautilus", name = "route-stop", description = "Stops a Camel route; its file stays loaded.")
@Service
public class StopRouteCommand extends RouteControlCommand {

    @Override
    String action() {
        return "ROUTE_STOP";
    }

    @Override
    void apply(String id) {
        routes.stop(id);
    }
}
