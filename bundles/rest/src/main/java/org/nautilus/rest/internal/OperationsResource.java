package org.nautilus.rest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditFormat;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.api.routes.RouteService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Camel routes (list, start, stop, reload a file), factors, models, the audit journal and the cluster view. */
@Component(service = OperationsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class OperationsResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile RouteService routes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile FactorService factors;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ModelRegistry models;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditService audit;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ClusterService cluster;

    @GET
    @Path("routes")
    public String routes() {
        RouteService service = routeService();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("routes", service.routes());
        answer.put("files", service.files());
        return Json.write(answer);
    }

    @POST
    @Path("routes/{routeId}/start")
    public String start(@PathParam("routeId") String routeId) {
        return control(routeId, RouteService::start);
    }

    @POST
    @Path("routes/{routeId}/stop")
    public String stop(@PathParam("routeId") String routeId) {
        return control(routeId, RouteService::stop);
    }

    /** Starts or stops a known route and answers its state after. */
    private String control(String routeId, BiConsumer<RouteService, String> action) {
        RouteService service = routeService();
        knownRoute(service, routeId);
        action.accept(service, routeId);
        return Json.write(knownRoute(service, routeId));
    }

    @POST
    @Path("routes/files/{file}/reload")
    public String reload(@PathParam("file") String file) {
        RouteService service = routeService();
        if (service.files().stream().noneMatch(f -> f.file().equals(file))) {
            throw new ApiException(404, "UNKNOWN_ROUTE_FILE", "no route file '" + file + "' in etc/routes; files: "
                    + service.files().stream().map(f -> f.file()).sorted().toList(), "file");
        }
        try {
            return Json.write(service.reload(file));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ApiException(422, "ROUTE_FILE_INVALID", e.getMessage(), "file");
        }
    }

    private static RouteInfo knownRoute(RouteService service, String routeId) {
        List<RouteInfo> all = service.routes();
        return all.stream().filter(r -> r.id().equals(routeId)).findFirst()
                .orElseThrow(() -> new ApiException(404, "UNKNOWN_ROUTE", "no route '" + routeId + "'; routes: "
                        + all.stream().map(RouteInfo::id).sorted().toList(), "routeId"));
    }

    private RouteService routeService() {
        return RiskResource.require(routes, "ROUTES_UNAVAILABLE", "the Camel route runtime");
    }

    @GET
    @Path("factors")
    public String factors(@QueryParam("library") String library) {
        FactorService service = RiskResource.require(factors, "RESEARCH_UNAVAILABLE", "the feature engine");
        String wanted = Params.blankToNull(library);
        List<FactorInfo> infos = service.factors().stream()
                .filter(f -> wanted == null || f.library().equals(wanted)).toList();
        return Json.write(infos);
    }

    @GET
    @Path("factors/{factor}/{symbol}")
    public String factorValues(@PathParam("factor") String factor, @PathParam("symbol") String symbol,
            @QueryParam("limit") String limit) {
        FactorService service = RiskResource.require(factors, "RESEARCH_UNAVAILABLE", "the feature engine");
        if (service.factors().stream().noneMatch(f -> f.name().equals(factor))) {
            throw new ApiException(404, "UNKNOWN_FACTOR", "no factor '" + factor + "'; GET /api/v1/factors lists them",
                    "factor");
        }
        int count = Params.intIn("limit", limit, 100, 1, 10_000);
        var history = service.history(factor, OrdersResource.id("symbol", symbol, InstrumentId::of));
        return Json.write(history.subList(Math.max(0, history.size() - count), history.size()));
    }

    @GET
    @Path("models")
    public String models() {
        return Json.write(RiskResource.require(models, "RESEARCH_UNAVAILABLE", "the model registry").models());
    }

    @GET
    @Path("audit")
    public Response audit(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("category") String category, @QueryParam("subject") String subject,
            @QueryParam("portfolio") String portfolio, @QueryParam("limit") String limit,
            @QueryParam("format") String format) {
        AuditService service = RiskResource.require(audit, "AUDIT_UNAVAILABLE", "the audit journal");
        Set<AuditCategory> categories = Params.enumSet("category", AuditCategory.class, category);
        String wantedPortfolio = Params.blankToNull(portfolio);
        AuditQuery query;
        try {
            query = new AuditQuery(Params.instant("from", from), Params.instant("to", to), categories,
                    Params.blankToNull(subject),
                    wantedPortfolio == null ? null : OrdersResource.id("portfolio", wantedPortfolio, PortfolioId::of),
                    Params.intIn("limit", limit, 100, 0, 100_000));
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("from", e.getMessage());
        }
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            List<AuditEntry> entries = service.query(query);
            return Response.ok(Json.write(entries), Json.MEDIA_TYPE).build();
        }
        AuditFormat export = Params.enumValue("format", AuditFormat.class, format);
        StringBuilder text = new StringBuilder();
        try {
            service.export(query, export, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(text.toString(), export == AuditFormat.CSV ? "text/csv" : "application/x-ndjson").build();
    }

    @GET
    @Path("cluster")
    public String cluster() {
        return Json.write(RiskResource.require(cluster, "GRID_UNAVAILABLE", "the grid").status());
    }
}
