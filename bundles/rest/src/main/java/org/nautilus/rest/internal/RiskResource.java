package org.nautilus.rest.internal;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.risk.RiskMetricsService;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.risk.TradingState;
import org.nautilus.api.risk.TradingStateService;
import org.nautilus.api.risk.TradingStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Positions with their valuation, risk metrics and rules, and the trading state (the kill switch). */
@Component(service = RiskResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class RiskResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile PositionService positions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile RiskService risk;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile RiskMetricsService riskMetrics;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile TradingStateService tradingState;

    /** A trading state change: the state, why, and for one portfolio or (without it) globally. */
    record TradingStateChange(TradingState state, String reason, String portfolio) {
    }

    @GET
    @Path("positions")
    public String positions(@QueryParam("portfolio") String portfolio) {
        PositionService keeper = require(positions, "POSITIONS_UNAVAILABLE", "the position keeper");
        String wanted = Params.blankToNull(portfolio);
        return Json.write(wanted == null ? keeper.valuations()
                : keeper.valuations(OrdersResource.id("portfolio", wanted, PortfolioId::of)));
    }

    @GET
    @Path("risk/metrics")
    public String metrics(@QueryParam("portfolio") String portfolio) {
        RiskMetricsService service = require(riskMetrics, "RISK_UNAVAILABLE", "the risk metrics service");
        String wanted = Params.blankToNull(portfolio);
        return Json.write(wanted == null ? service.metrics()
                : service.metrics(OrdersResource.id("portfolio", wanted, PortfolioId::of)));
    }

    @GET
    @Path("risk/rules")
    public String rules() {
        return Json.write(require(risk, "RISK_UNAVAILABLE", "the risk engine").rules());
    }

    @GET
    @Path("trading-state")
    public String tradingState() {
        TradingStateService service = require(tradingState, "RISK_UNAVAILABLE", "the trading state service");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("global", service.global());
        answer.put("statuses", service.statuses());
        return Json.write(answer);
    }

    @PUT
    @Path("trading-state")
    public String setTradingState(@HeaderParam("Content-Type") String contentType, InputStream body) {
        TradingStateChange change = Json.readBody(contentType, body, TradingStateChange.class);
        if (change.state() == null) {
            throw new ApiException(400, "MISSING_FIELD", "state is required: ACTIVE, REDUCING or HALTED", "state");
        }
        String reason = Params.blankToNull(change.reason());
        if (reason == null) {
            throw new ApiException(400, "MISSING_FIELD", "reason is required: it is recorded with the state",
                    "reason");
        }
        TradingStateService service = require(tradingState, "RISK_UNAVAILABLE", "the trading state service");
        String portfolio = Params.blankToNull(change.portfolio());
        TradingStatus status = portfolio == null ? service.setGlobal(change.state(), reason)
                : service.set(OrdersResource.id("portfolio", portfolio, PortfolioId::of), change.state(), reason);
        return Json.write(status);
    }

    static <T> T require(T service, String code, String what) {
        if (service == null) {
            throw new ApiException(503, code, what + " is not running", null);
        }
        return service;
    }
}
