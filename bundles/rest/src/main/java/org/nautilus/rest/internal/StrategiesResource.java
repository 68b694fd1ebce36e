package org.nautilus.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import org.nautilus.api.strategy.StrategyInfo;
import org.nautilus.api.strategy.StrategyService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The live strategies over HTTP, as {@code nautilus:strategies}, {@code strategy-start} and {@code strategy-stop} show
 * and drive them: each one's state, portfolio, instruments, parameters, counts of events, orders and fills, since
 * when, and why it failed.
 */
@Component(service = StrategiesResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class StrategiesResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile StrategyService strategies;

    @GET
    @Path("strategies")
    public String list() {
        return Json.write(service().strategies());
    }

    @GET
    @Path("strategies/{name}")
    public String one(@PathParam("name") String name) {
        return Json.write(service().strategy(name).orElseThrow(() -> unknown(name)));
    }

    /** Starts a stopped or failed strategy (its configuration is read again). */
    @POST
    @Path("strategies/{name}/start")
    public String start(@PathParam("name") String name) {
        StrategyService service = service();
        service.strategy(name).orElseThrow(() -> unknown(name));
        try {
            return Json.write(service.start(name));
        } catch (IllegalArgumentException e) {
            throw new ApiException(422, "STRATEGY_REFUSED", e.getMessage(), "name");
        }
    }

    /** Stops a running strategy, canceling its open orders; {@code flatten=true} also closes its positions. */
    @POST
    @Path("strategies/{name}/stop")
    public String stop(@PathParam("name") String name, @QueryParam("flatten") String flatten) {
        boolean flat = flatten(flatten);
        StrategyService service = service();
        service.strategy(name).orElseThrow(() -> unknown(name));
        StrategyInfo stopped = service.stop(name, flat);
        return Json.write(stopped);
    }

    private static boolean flatten(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("false")) {
            return false;
        }
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.badParameter("flatten", "flatten must be true or false, got '" + text + "'");
    }

    private StrategyService service() {
        return RiskResource.require(strategies, "STRATEGIES_UNAVAILABLE", "the strategy runtime");
    }

    private static ApiException unknown(String name) {
        return new ApiException(404, "UNKNOWN_STRATEGY", "no strategy '" + name
                + "' (GET /api/v1/strategies lists them)", "name");
    }
}
