package org.nautilus.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "nautilus", name = "route-start", description = "Starts a stopped Camel route, e.g. a replay.", detailedDescription = "E.g. nautilus:route-start replay-bitstamp replays the Bitstamp sample trades.")
@Service
public class StartRouteCommand extends RouteControlCommand {

    @Override
    String action() {
        return "ROUTE_START";
    }

    @Override
    void apply(String id) {
        routes.start(id);
    }
}
