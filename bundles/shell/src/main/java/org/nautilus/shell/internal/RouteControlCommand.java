package org.nautilus.shell.internal;

import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.api.routes.RouteService;

/** What route-start and route-stop share: the route id argument and the report of the route's new state. */
abstract class RouteControlCommand implements Action {

    @Argument(index = 0, name = "routeId", required = true, description = "the route id (see nautilus:routes)")
    @Completion(RouteCompleter.class)
    String routeId;

    @Reference
    RouteService routes;

    @Reference(optional = true)
    AuditService audit;

    abstract void apply(String id);

    /** The audit journal's name for it: ROUTE_START, ROUTE_STOP. */
    abstract String action();

    @Override
    public Object execute() {
        if (routes.routes().stream().noneMatch(r -> r.id().equals(routeId))) {
            throw new IllegalArgumentException("no route '" + routeId + "'; routes: "
                    + routes.routes().stream().map(RouteInfo::id).toList());
        }
        apply(routeId);
        ShellAudit.record(audit, action(), routeId, null, "route " + routeId, Map.of());
        routes.routes().stream().filter(r -> r.id().equals(routeId)).findFirst()
                .ifPresent(r -> System.out.println("Route " + r.id() + " (" + r.source() + "): " + r.state()));
        return null;
    }
}
