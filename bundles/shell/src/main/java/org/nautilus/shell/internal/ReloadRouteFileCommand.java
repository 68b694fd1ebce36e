package org.nautilus.shell.internal;

import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.routes.RouteFileInfo;
import org.nautilus.api.routes.RouteService;

@Command(scope = "nautilus", name = "route-reload", description = "Loads a route file of etc/routes again now.", detailedDescription = "Files reload on their own when they change; this forces it. A broken file is\n"
        + "reported with file, line and reason, and its running routes keep running.")
@Service
public class ReloadRouteFileCommand implements Action {

    @Argument(index = 0, name = "file", required = true, description = "file name under etc/routes, e.g. simulated-market.yaml")
    @Completion(RouteFileCompleter.class)
    String file;

    @Reference
    RouteService routes;

    @Reference(optional = true)
    AuditService audit;

    @Override
    public Object execute() {
        RouteFileInfo info = routes.reload(file);
        ShellAudit.record(audit, "ROUTE_RELOAD", file, null,
                info.loaded() ? "loaded: " + String.join(", ", info.routeIds())
                        : "refused: " + info.error(),
                Map.of());
        if (!info.loaded()) {
            throw new IllegalStateException(info.error());
        }
        System.out.println(info.file() + " loaded: " + String.join(", ", info.routeIds()));
        return null;
    }
}
