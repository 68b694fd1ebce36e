package org.nautilus.api.routes;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The Camel runtime: the routes loaded from {@code etc/routes/} and from route services. */
@ProviderType
public interface RouteService {

    List<RouteInfo> routes();

    /** The route files and whether each loaded, with the error of a broken one. */
    List<RouteFileInfo> files();

    /** Starts a stopped route; refused with a message if the id is unknown. */
    void start(String routeId);

    /** Stops a route; refused with a message if the id is unknown. */
    void stop(String routeId);
}
