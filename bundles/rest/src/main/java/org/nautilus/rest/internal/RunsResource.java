package org.nautilus.rest.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.nautilus.api.research.artifacts.ArtifactIntegrityException;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrackingService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Tracked runs over HTTP: list and show runs, list a run's artifacts (size in the artifact store, logged digest,
 * whether the store's copy is that content) and fetch one, verified (the model file, its evaluation report
 * {@code report.html} with {@code folds.png}, ...; from the artifact store on a node that did not train it), delete a run or an experiment for good (admin, audited
 * with the user).
 */
@Component(service = RunsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class RunsResource {

    /** Media types of the artifacts the platform writes; anything else is served as bytes. */
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "png", "image/png",
            "tsv", "text/tab-separated-values; charset=utf-8", "csv", "text/csv; charset=utf-8",
            "json", Json.MEDIA_TYPE, "txt", "text/plain; charset=utf-8");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile TrackingService tracking;

    @GET
    @Path("runs")
    public String runs(@QueryParam("experiment") String experiment, @QueryParam("status") String status,
            @QueryParam("children") String children, @QueryParam("limit") String limit) {
        RunStatus state = status == null || status.isBlank() ? null
                : Params.enumValue("status", RunStatus.class, status);
        boolean withChildren = children != null && Boolean.parseBoolean(children.strip());
        RunQuery query = new RunQuery(Params.blankToNull(experiment), state, null, null, !withChildren,
                Params.intIn("limit", limit, 100, 0, 100_000));
        return Json.write(service().runs(query));
    }

    @GET
    @Path("runs/{run}")
    public String run(@PathParam("run") String id) {
        return Json.write(run(service(), id));
    }

    @GET
    @Path("runs/{run}/artifacts")
    public String artifacts(@PathParam("run") String id) {
        TrackingService service = service();
        Run run = run(service, id);
        Map<String, StoredArtifact> stored = new HashMap<>();
        service.storedArtifacts(id).forEach(a -> stored.put(a.name(), a));
        List<Map<String, Object>> answer = new ArrayList<>();
        for (String name : run.artifacts()) {
            StoredArtifact copy = stored.get(name);
            String logged = run.artifactDigests().get(name);
            Map<String, Object> artifact = new LinkedHashMap<>();
            artifact.put("name", name);
            artifact.put("bytes", copy == null ? -1L : copy.bytes());
            artifact.put("type", type(name));
            artifact.put("digest", logged);
            // ok: the store holds what was logged; DIFFERS: changed or corrupted (it is not served); MISSING
            artifact.put("store", copy == null ? "MISSING"
                    : logged == null || logged.equals(copy.digest()) ? "ok" : "DIFFERS");
            artifact.put("href", "/api/v1/runs/" + id + "/artifacts/" + name);
            answer.add(artifact);
        }
        return Json.write(answer);
    }

    @GET
    @Path("runs/{run}/artifacts/{name}")
    @Produces(MediaType.WILDCARD)
    public Response artifact(@PathParam("run") String id, @PathParam("name") String name) {
        TrackingService service = service();
        Run run = run(service, id);
        // Only a name the run lists: never a path the caller makes up.
        if (!run.artifacts().contains(name)) {
            throw new ApiException(404, "UNKNOWN_ARTIFACT", "run " + id + " has no artifact '" + name + "'; it has "
                    + run.artifacts(), "name");
        }
        // This node's copy or the artifact store's, verified against the digest logged with the run.
        byte[] content;
        try {
            content = service.readArtifact(id, name).orElseThrow(() -> new ApiException(404, "UNKNOWN_ARTIFACT",
                    "run " + id + " has no artifact '" + name + "'", "name"));
        } catch (ArtifactIntegrityException corrupt) {
            throw new ApiException(409, "ARTIFACT_DIGEST_MISMATCH", corrupt.getMessage(), "name");
        } catch (IllegalStateException gone) {
            throw new ApiException(404, "UNKNOWN_ARTIFACT", gone.getMessage(), "name");
        }
        return Response.ok(content, type(name)).build();
    }

    @DELETE
    @Path("runs/{run}")
    public String deleteRun(@PathParam("run") String id, @Context SecurityContext security) {
        TrackingService service = service();
        run(service, id);
        try {
            service.deleteRun(id, user(security));
        } catch (IllegalStateException registered) {
            throw new ApiException(409, "RUN_REGISTERED", registered.getMessage(), null);
        }
        return Json.write(Map.of("deleted", id));
    }

    @DELETE
    @Path("experiments/{experiment}")
    public String deleteExperiment(@PathParam("experiment") String name, @Context SecurityContext security) {
        TrackingService service = service();
        if (service.experiments().stream().noneMatch(e -> e.name().equals(name))) {
            throw new ApiException(404, "UNKNOWN_EXPERIMENT", "no experiment '" + name + "'", "experiment");
        }
        try {
            service.deleteExperiment(name, user(security));
        } catch (IllegalStateException registered) {
            throw new ApiException(409, "RUN_REGISTERED", registered.getMessage(), null);
        }
        return Json.write(Map.of("deleted", name));
    }

    private TrackingService service() {
        return RiskResource.require(tracking, "RESEARCH_UNAVAILABLE", "run tracking");
    }

    private static Run run(TrackingService service, String id) {
        return service.run(id).orElseThrow(() -> new ApiException(404, "UNKNOWN_RUN", "no run '" + id + "'", "run"));
    }

    static String user(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? "unknown"
                : security.getUserPrincipal().getName();
    }

    static String type(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? MediaType.APPLICATION_OCTET_STREAM
                : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT),
                        MediaType.APPLICATION_OCTET_STREAM);
    }
}
