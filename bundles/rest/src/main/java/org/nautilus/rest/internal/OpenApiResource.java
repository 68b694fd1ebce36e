package org.nautilus.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Component;

/**
 * The API's OpenAPI 3 description (written by hand in {@code api/openapi.json}, kept true by
 * {@code OpenApiDocumentTest}, which compares it with these resources' annotations, and by the itest that calls every
 * documented operation) and a browsable page of it.
 */
@Component(service = OpenApiResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
public class OpenApiResource {

    static final String DOCUMENT = "/api/openapi.json";

    private final String document = resource(DOCUMENT);
    private final String page = resource("/api/docs.html");

    @GET
    @Path("openapi.json")
    public Response openapi() {
        return Response.ok(document, Json.MEDIA_TYPE).build();
    }

    @GET
    @Path("docs")
    public Response docs() {
        return Response.ok(page, "text/html; charset=utf-8").build();
    }

    static String resource(String name) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
