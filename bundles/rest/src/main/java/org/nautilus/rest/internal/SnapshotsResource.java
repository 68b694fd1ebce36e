package org.nautilus.rest.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;
import org.nautilus.api.snapshot.SnapshotInfo;
import org.nautilus.api.snapshot.SnapshotService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Snapshots of the trading state: list, take, restore (admin only, see the access bundle's role table). */
@Component(service = SnapshotsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class SnapshotsResource {

    /** The body of {@code POST /snapshots}: the name is optional (default: snap_ and the UTC time). */
    record SnapshotRequest(String name) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile SnapshotService snapshots;

    @GET
    @Path("snapshots")
    public String list() {
        SnapshotService service = service();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("target", service.describe());
        answer.put("snapshots", service.list());
        return Json.write(answer);
    }

    @GET
    @Path("snapshots/{name}")
    public String get(@PathParam("name") String name) {
        return Json.write(known(service(), name));
    }

    @POST
    @Path("snapshots")
    public Response create(@HeaderParam("Content-Type") String contentType, InputStream body) {
        SnapshotRequest request = Json.readBody(contentType, body, SnapshotRequest.class);
        SnapshotService service = service();
        try {
            SnapshotInfo info = service.create(Params.blankToNull(request.name()));
            return Response.status(201).type(Json.MEDIA_TYPE).entity(Json.write(info)).build();
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INVALID_SNAPSHOT_NAME", e.getMessage(), "name");
        } catch (IllegalStateException e) {
            throw new ApiException(409, "SNAPSHOT_NOT_TAKEN", e.getMessage(), null);
        }
    }

    @POST
    @Path("snapshots/{name}/restore")
    public String restore(@PathParam("name") String name) {
        SnapshotService service = service();
        known(service, name);
        try {
            return Json.write(service.restore(name));
        } catch (IllegalStateException e) {
            throw new ApiException(409, "RESTORE_REFUSED", e.getMessage(), null);
        }
    }

    private static SnapshotInfo known(SnapshotService service, String name) {
        return service.find(name).orElseThrow(() -> new ApiException(404, "UNKNOWN_SNAPSHOT", "no snapshot '" + name
                + "' on the " + service.describe() + "; GET /api/v1/snapshots lists them", "name"));
    }

    private SnapshotService service() {
        return RiskResource.require(snapshots, "SNAPSHOTS_UNAVAILABLE", "the snapshot service (grid store)");
    }
}
