package org.nautilus.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;
import org.nautilus.api.strategy.BacktestResult;
import org.nautilus.api.strategy.BacktestService;
import org.nautilus.api.strategy.BacktestSpec;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Backtests over HTTP, as {@code nautilus:backtest} runs them: run one (a spec file of the platform and/or settings,
 * answered when it is done), list the stored runs, read one, and its tearsheet with its charts.
 */
@Component(service = BacktestsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class BacktestsResource {

    /** The charts of a tearsheet (PNG files beside it). */
    static final Set<String> CHARTS = Set.of("equity", "underwater", "monthly", "rolling-sharpe");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile BacktestService backtests;

    /**
     * A backtest to run: a spec file (relative to the Karaf home, e.g. {@code etc/backtests/ma-cross-apple.properties})
     * and/or spec settings (its keys: {@code strategy}, {@code data.1.file}, ...), then the strategy's parameters
     * ({@code param.} keys) and the strategy, each overriding what came before, as the shell's -o, -p and -s do.
     */
    record BacktestRequest(String spec, Map<String, String> settings, Map<String, String> parameters,
            String strategy) {
    }

    @POST
    @Path("backtests")
    public Response run(@HeaderParam("Content-Type") String contentType, InputStream body) {
        BacktestRequest request = Json.readBody(contentType, body, BacktestRequest.class);
        Map<String, String> values = new TreeMap<>();
        if (Params.blankToNull(request.spec()) != null) {
            values.putAll(specFile(request.spec().strip()));
        }
        if (request.settings() != null) {
            values.putAll(request.settings());
        }
        if (request.parameters() != null) {
            request.parameters().forEach((k, v) -> values.put("param." + k, v));
        }
        if (Params.blankToNull(request.strategy()) != null) {
            values.put("strategy", request.strategy().strip());
        }
        BacktestService service = RiskResource.require(backtests, "BACKTESTS_UNAVAILABLE", "the backtest service");
        BacktestResult result;
        try {
            result = service.run(BacktestSpec.fromProperties(values), line -> {});
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INVALID_BACKTEST", e.getMessage(), null);
        }
        return Response.created(URI.create("/api/v1/backtests/" + result.runId())).entity(Json.write(result))
                .type(Json.MEDIA_TYPE).build();
    }

    @GET
    @Path("backtests")
    public String list() {
        return Json.write(RiskResource.require(backtests, "BACKTESTS_UNAVAILABLE", "the backtest service").backtests());
    }

    @GET
    @Path("backtests/{runId}")
    public String one(@PathParam("runId") String runId) {
        return Json.write(find(runId));
    }

    /** The tearsheet page; its charts are served beside it ({@code charts/<name>}). */
    @GET
    @Path("backtests/{runId}/tearsheet")
    @Produces("text/html; charset=utf-8")
    public Response tearsheet(@PathParam("runId") String runId) {
        java.nio.file.Path page = java.nio.file.Path.of(find(runId).folder()).resolve("tearsheet.html");
        try {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            for (String chart : CHARTS) {
                html = html.replace("src=\"" + chart + ".png\"", "src=\"charts/" + chart + "\"");
            }
            return Response.ok(html, "text/html; charset=utf-8").build();
        } catch (IOException e) {
            throw new ApiException(404, "UNKNOWN_TEARSHEET", "backtest " + runId + " has no tearsheet", "runId");
        }
    }

    @GET
    @Path("backtests/{runId}/charts/{chart}")
    @Produces("image/png")
    public Response chart(@PathParam("runId") String runId, @PathParam("chart") String chart) {
        if (!CHARTS.contains(chart)) {
            throw new ApiException(404, "UNKNOWN_CHART", "no chart '" + chart + "'; charts: "
                    + new TreeSet<>(CHARTS), "chart");
        }
        java.nio.file.Path file = java.nio.file.Path.of(find(runId).folder()).resolve(chart + ".png");
        try {
            return Response.ok(Files.readAllBytes(file), "image/png").build();
        } catch (IOException e) {
            throw new ApiException(404, "UNKNOWN_CHART", "backtest " + runId + " has no " + chart + " chart "
                    + "(a run too short to draw it)", "chart");
        }
    }

    private BacktestResult find(String runId) {
        return RiskResource.require(backtests, "BACKTESTS_UNAVAILABLE", "the backtest service").backtest(runId)
                .orElseThrow(() -> new ApiException(404, "UNKNOWN_BACKTEST", "no backtest '" + runId
                        + "' (GET /api/v1/backtests lists them)", "runId"));
    }

    /** A spec file of the platform (under the Karaf home only: a request names no other file). */
    private static Map<String, String> specFile(String name) {
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("karaf.home", ".")).toAbsolutePath()
                .normalize();
        java.nio.file.Path file = home.resolve(name).normalize();
        if (!file.startsWith(home)) {
            throw new ApiException(400, "INVALID_BACKTEST", "spec file " + name + " is outside the platform's home",
                    "spec");
        }
        try {
            return BacktestSpec.readSettings(file, name);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INVALID_BACKTEST", e.getMessage(), "spec");
        }
    }
}
