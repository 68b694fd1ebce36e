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

    /**
     * Loads a route file of {@code etc/routes/} again now, even if it did not change (files are also reloaded on
     * their own when they change). A broken file leaves its running routes as they are.
     *
     * @param file the file name, e.g. {@code simulated-market.yaml}
     * @return the file's state after the attempt: loaded, or the error with file, line and reason
     * @throws IllegalArgumentException if there is no such route file
     * @since 1.1
     */
    RouteFileInfo reload(String file);
}
