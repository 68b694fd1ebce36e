package org.nautilus.api.routes;

import java.util.List;

/**
 * A route file and the outcome of its last load.
 *
 * @param file     the file name under {@code etc/routes/}
 * @param loaded   {@code true} if the last load succeeded
 * @param routeIds the routes it defines
 * @param error    file, line and reason of the last failure, otherwise {@code null}
 */
public record RouteFileInfo(String file, boolean loaded, List<String> routeIds, String error) {

    public RouteFileInfo {
        routeIds = List.copyOf(routeIds);
    }
}
