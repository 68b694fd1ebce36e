package org.nautilus.rest.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.SecurityContext;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The model registry over HTTP, as {@code nautilus:models}, {@code model-promote} and {@code model-rollback} use it
 * ({@code GET /api/v1/models} lists the models: {@link OperationsResource}): read one model (versions with their
 * lineage: run, dataset digest, code version; aliases) with its alias history, point an alias at a version (promote)
 * or back at the one before (roll back). Alias moves are
 * admin writes, audited with the user (category MODEL); serving swaps between batches.
 */
@Component(service = ModelsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class ModelsResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ModelRegistry registry;

    /** The body of a promotion: the version the alias is to point at. */
    public record Promotion(Integer version) {
    }

    @GET
    @Path("models/{model}")
    public String model(@PathParam("model") String name) {
        ModelRegistry service = service();
        RegisteredModel model = model(service, name);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", model.name());
        view.put("versions", model.versions());
        view.put("aliases", model.aliases());
        view.put("history", service.aliasHistory(name));
        return Json.write(view);
    }

    @POST
    @Path("models/{model}/aliases/{alias}")
    public String promote(@PathParam("model") String name, @PathParam("alias") String alias,
            @HeaderParam("Content-Type") String contentType, InputStream body, @Context SecurityContext security) {
        ModelRegistry service = service();
        RegisteredModel model = model(service, name);
        Promotion promotion = Json.readBody(contentType, body, Promotion.class);
        if (promotion.version() == null) {
            throw new ApiException(400, "MISSING_FIELD", "field 'version' is required: the version " + alias
                    + " is to point at", "version");
        }
        int version = promotion.version();
        if (model.versions().stream().noneMatch(v -> v.version() == version)) {
            throw new ApiException(404, "UNKNOWN_VERSION", name + " has no version " + version + "; it has "
                    + model.versions().stream().map(v -> Integer.toString(v.version())).toList(), "version");
        }
        return change(() -> service.setAlias(name, alias, version, RunsResource.user(security)));
    }

    @POST
    @Path("models/{model}/aliases/{alias}/rollback")
    public String rollback(@PathParam("model") String name, @PathParam("alias") String alias,
            @Context SecurityContext security) {
        ModelRegistry service = service();
        model(service, name);
        return change(() -> service.rollback(name, alias, RunsResource.user(security)));
    }

    /** The registry refuses a blank alias or a roll-back with nothing before: the request's fault, said as such. */
    private static String change(Supplier<AliasChange> move) {
        try {
            return Json.write(move.get());
        } catch (IllegalArgumentException refused) {
            throw new ApiException(409, "ALIAS_NOT_MOVED", refused.getMessage(), "alias");
        }
    }

    private ModelRegistry service() {
        return RiskResource.require(registry, "RESEARCH_UNAVAILABLE", "model registry");
    }

    private static RegisteredModel model(ModelRegistry service, String name) {
        return service.model(name)
                .orElseThrow(() -> new ApiException(404, "UNKNOWN_MODEL", "no registered model '" + name + "'",
                        "model"));
    }
}
