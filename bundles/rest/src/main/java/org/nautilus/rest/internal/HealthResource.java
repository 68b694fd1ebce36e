package org.nautilus.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.cluster.ClusterStatus;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.routes.RouteService;
import org.nautilus.api.venue.VenueService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Probes for Kubernetes and people. {@code /health/live}: the JVM answers and the OSGi framework is active.
 * {@code /health/ready}: this node has joined an active grid with no lost partition, its position caches answer,
 * and the OMS answers (here or on the leader node) — venues and market data feeds are deliberately left out, so a
 * feed outage does not take every pod out of the Service. Both probes say UP/DOWN and nothing else.
 * {@code /health}: each part's state and reason, like {@code nautilus:status}.
 */
@Component(service = HealthResource.class, property = "osgi.jaxrs.resource=true")
@Path("/health")
@Produces(Json.MEDIA_TYPE)
public class HealthResource {

    /** A client order id no client uses: looking it up proves the OMS answers, at the cost of one cache get. */
    private static final ClientOrderId PROBE = ClientOrderId.of("nautilus-health-probe");

    /** How long one part may take to answer a probe: under the Kubernetes probes' 3 s timeout. */
    static final long PART_TIMEOUT_MILLIS = 2_000;

    private final BundleContext context;
    /** Checks run here, so a part that hangs (a grid call waiting for a node) costs its own timeout, not the probe. */
    private final ExecutorService checks = Executors.newFixedThreadPool(4, Threads.daemon("nautilus-http-health"));

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile OrderService orders;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ClusterService cluster;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile PositionService positions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile PositionStore positionStore;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile RiskService risk;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MarketDataService marketData;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile RouteService routes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile VenueService venues;

    @Activate
    public HealthResource(BundleContext context) {
        this.context = context;
    }

    @Deactivate
    void deactivate() {
        checks.shutdownNow();
    }

    /** A part's check, bounded by {@link #PART_TIMEOUT_MILLIS}: one that does not answer in time is down. */
    private Part bounded(String name, Supplier<Part> check) {
        Future<Part> result = checks.submit(check::get);
        try {
            return result.get(PART_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return new Part(name, false, "did not answer within " + PART_TIMEOUT_MILLIS + " ms");
        } catch (ExecutionException e) {
            return new Part(name, false, "failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Part(name, false, "interrupted");
        }
    }

    /** One part of the platform: up or not, and why. */
    public record Part(String name, boolean up, String detail) {
    }

    @GET
    @Path("live")
    public Response live() {
        boolean up = context.getBundle(0).getState() == Bundle.ACTIVE;
        return probe(up, up ? "UP" : "DOWN");
    }

    @GET
    @Path("ready")
    public Response ready() {
        boolean ready = readiness().stream().allMatch(Part::up);
        return probe(ready, ready ? "READY" : "NOT_READY");
    }

    @GET
    public Response health() {
        List<Part> readiness = readiness();
        List<Part> parts = new ArrayList<>(readiness);
        parts.addAll(informative());
        boolean ready = readiness.stream().allMatch(Part::up);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", ready ? "READY" : "NOT_READY");
        answer.put("readyNeeds", readiness.stream().map(Part::name).toList());
        answer.put("parts", parts);
        return Response.status(ready ? 200 : 503).type(Json.MEDIA_TYPE).entity(Json.write(answer)).build();
    }

    private static Response probe(boolean up, String status) {
        return Response.status(up ? 200 : 503).type(Json.MEDIA_TYPE).entity("{\"status\":\"" + status + "\"}")
                .header("Cache-Control", "no-store").build();
    }

    /** The parts readiness depends on: grid, caches, OMS. */
    List<Part> readiness() {
        List<Part> parts = new ArrayList<>(3);
        parts.add(bounded("grid", this::grid));
        parts.add(bounded("caches", this::caches));
        parts.add(bounded("oms", this::oms));
        return parts;
    }

    private Part grid() {
        ClusterService service = cluster;
        if (service == null) {
            return new Part("grid", false, "the grid node is not running");
        }
        try {
            ClusterStatus status = service.status();
            boolean joined = status.nodes().stream().anyMatch(n -> n.local());
            if (!"ACTIVE".equals(status.state()) || !joined) {
                return new Part("grid", false,
                        "grid state " + status.state() + (joined ? "" : ", this node not joined"));
            }
            if (status.lostPartitions() > 0) {
                return new Part("grid", false, status.lostPartitions() + " of " + status.partitions()
                        + " partitions have no copy online");
            }
            return new Part("grid", true, status.nodes().size() + " node(s), state " + status.state());
        } catch (RuntimeException e) {
            return new Part("grid", false, "the grid does not answer: " + e.getMessage());
        }
    }

    private Part caches() {
        PositionService keeper = positions;
        PositionStore store = positionStore;
        if (keeper == null || store == null) {
            return new Part("caches", false, keeper == null ? "the position keeper is not running"
                    : "no position store");
        }
        try {
            return new Part("caches", true, keeper.positions().size() + " positions; " + store.description());
        } catch (RuntimeException e) {
            return new Part("caches", false, "positions cannot be read: " + e.getMessage());
        }
    }

    private Part oms() {
        OrderService oms = orders;
        if (oms == null) {
            return new Part("oms", false, "the OMS is not running on this node or in the cluster");
        }
        try {
            oms.order(PROBE);
            return new Part("oms", true, "answers");
        } catch (RuntimeException e) {
            return new Part("oms", false, String.valueOf(e.getMessage()));
        }
    }

    /** Parts shown by /health that readiness does not wait for (a venue or a feed can be down on a ready node). */
    private List<Part> informative() {
        List<Part> parts = new ArrayList<>();
        parts.add(bounded("risk", () -> {
            RiskService riskEngine = risk;
            return new Part("risk", riskEngine != null, riskEngine == null ? "not running"
                    : riskEngine.rules().size() + " rules");
        }));
        parts.add(bounded("market data", () -> {
            MarketDataService gateway = marketData;
            long priced = gateway == null ? 0
                    : gateway.instruments().stream().filter(i -> gateway.mark(i.id()).isPresent()).count();
            return new Part("market data", gateway != null && priced > 0, gateway == null ? "not running"
                    : priced + "/" + gateway.instruments().size() + " instruments priced");
        }));
        parts.add(bounded("routes", () -> {
            RouteService camel = routes;
            return new Part("routes", camel != null, camel == null ? "not running" : camel.routes().size() + " routes");
        }));
        parts.add(bounded("venues", () -> {
            VenueService execution = venues;
            int venueCount = execution == null ? 0 : execution.venues().size();
            return new Part("venues", venueCount > 0, execution == null ? "the execution engine is not running"
                    : venueCount + " venues");
        }));
        return parts;
    }
}
