package org.nautilus.access.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;

/**
 * The desk page: static files from this bundle under {@code /desk/} (public: its data comes from the API, which asks
 * for the user), Chart.js from its WebJar. No build step.
 */
@Component(service = DeskResource.class, property = {"osgi.jaxrs.resource=true", "osgi.jaxrs.name=nautilus.desk"})
@Path("desk")
public final class DeskResource {

    /** What may be served, and as what: nothing else in the bundle is reachable. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "desk.js", "text/javascript; charset=utf-8",
            "desk.css", "text/css; charset=utf-8",
            "lib/chart.umd.js", "text/javascript; charset=utf-8");

    private static final Map<String, String> LOCATIONS = Map.of(
            "lib/chart.umd.js", "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js");

    @GET
    public Response root() {
        return Response.seeOther(URI.create("desk/index.html")).build();
    }

    @GET
    @Path("{file: .+}")
    public Response file(@PathParam("file") String file) throws IOException {
        String type = FILES.get(file);
        if (type == null) {
            return AccessFilter.error(Response.Status.NOT_FOUND, "NOT_FOUND", "no desk file '" + file + "'").build();
        }
        InputStream in = DeskResource.class.getClassLoader().getResourceAsStream(LOCATIONS.getOrDefault(file,
                "desk/" + file));
        if (in == null) {
            return AccessFilter.error(Response.Status.NOT_FOUND, "NOT_FOUND", "desk file '" + file
                    + "' is missing from the bundle").build();
        }
        try (in) {
            return Response.ok(in.readAllBytes(), type).header("Cache-Control", "no-cache").build();
        }
    }
}
