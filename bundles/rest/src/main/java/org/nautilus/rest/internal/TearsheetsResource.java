package org.nautilus.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;
import org.nautilus.api.strategy.LiveAnalyticsService;
import org.nautilus.api.strategy.LiveTearsheet;
import org.nautilus.api.strategy.LiveTearsheetRequest;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Tearsheets of live trading over HTTP, as {@code nautilus:tearsheet} makes them: a portfolio measured over a date
 * range (its fills from the audit journal, marked to market), then the page and its charts, beside the backtests'.
 */
@Component(service = TearsheetsResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class TearsheetsResource {

    /** What a tearsheet id looks like (the portfolio and a counter): nothing that walks out of the folder. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+-[0-9]{4}");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile LiveAnalyticsService analytics;

    /** Measures the portfolio and writes its tearsheet; the answer names it ({@code id}) and has the metrics. */
    @GET
    @Path("portfolios/{portfolio}/tearsheet")
    public String measure(@PathParam("portfolio") String portfolio, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("capital") String capital,
            @QueryParam("interval") String interval, @QueryParam("periodsPerYear") String periodsPerYear,
            @QueryParam("benchmark") String benchmark) {
        LiveAnalyticsService service = RiskResource.require(analytics, "ANALYTICS_UNAVAILABLE",
                "the live analytics service");
        LiveTearsheetRequest request;
        try {
            request = LiveTearsheetRequest.parse(portfolio, from, to, capital, interval, periodsPerYear, benchmark);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INVALID_TEARSHEET", e.getMessage(), null);
        }
        LiveTearsheet tearsheet;
        try {
            tearsheet = service.tearsheet(request);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "NO_FILLS", e.getMessage(), "portfolio");
        } catch (NoSuchElementException e) {
            throw new ApiException(422, "UNKNOWN_BENCHMARK", e.getMessage(), "benchmark");
        }
        return Json.write(tearsheet);
    }

    /** A tearsheet's page; its charts are served beside it ({@code charts/<name>}). */
    @GET
    @Path("tearsheets/{id}")
    @Produces("text/html; charset=utf-8")
    public Response page(@PathParam("id") String id) {
        try {
            String html = Files.readString(folder(id).resolve("tearsheet.html"), StandardCharsets.UTF_8);
            for (String chart : BacktestsResource.CHARTS) {
                html = html.replace("src=\"" + chart + ".png\"", "src=\"" + id + "/charts/" + chart + "\"");
            }
            return Response.ok(html, "text/html; charset=utf-8").build();
        } catch (IOException e) {
            throw new ApiException(404, "UNKNOWN_TEARSHEET", "no tearsheet '" + id + "'", "id");
        }
    }

    @GET
    @Path("tearsheets/{id}/charts/{chart}")
    @Produces("image/png")
    public Response chart(@PathParam("id") String id, @PathParam("chart") String chart) {
        if (!BacktestsResource.CHARTS.contains(chart)) {
            throw new ApiException(404, "UNKNOWN_CHART", "no chart '" + chart + "'; charts: "
                    + new TreeSet<>(BacktestsResource.CHARTS), "chart");
        }
        try {
            return Response.ok(Files.readAllBytes(folder(id).resolve(chart + ".png")), "image/png").build();
        } catch (IOException e) {
            throw new ApiException(404, "UNKNOWN_CHART", "tearsheet " + id + " has no " + chart + " chart "
                    + "(a range too short to draw it)", "chart");
        }
    }

    /** Where the analytics service writes tearsheets: {@code data/tearsheets/<id>}. */
    private static java.nio.file.Path folder(String id) {
        if (!ID.matcher(id).matches()) {
            throw new ApiException(404, "UNKNOWN_TEARSHEET", "no tearsheet '" + id + "'", "id");
        }
        java.nio.file.Path data = java.nio.file.Path.of(System.getProperty("karaf.data",
                java.nio.file.Path.of(System.getProperty("karaf.home", ".")).resolve("data").toString()));
        return data.resolve("tearsheets").resolve(id);
    }
}
