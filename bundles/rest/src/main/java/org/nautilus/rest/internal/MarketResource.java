package org.nautilus.rest.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Instruments, quotes, marks and bars (the gateway's), venues with their book depth, and the router's decisions. */
@Component(service = MarketResource.class, property = "osgi.jaxrs.resource=true")
@Path("/api/v1")
@Produces(Json.MEDIA_TYPE)
public class MarketResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile MarketDataService marketData;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile VenueService venueService;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile List<Venue> venues;

    @GET
    @Path("instruments")
    public String instruments() {
        return Json.write(gateway().instruments().stream().sorted(Comparator.comparing(Instrument::id)).toList());
    }

    @GET
    @Path("quotes")
    public String quotes() {
        MarketDataService gateway = gateway();
        return Json.write(gateway.instruments().stream().sorted(Comparator.comparing(Instrument::id))
                .map(i -> quote(gateway, i.id())).toList());
    }

    @GET
    @Path("quotes/{symbol}")
    public String quote(@PathParam("symbol") String symbol) {
        MarketDataService gateway = gateway();
        return Json.write(quote(gateway, known(gateway, symbol)));
    }

    private static Map<String, Object> quote(MarketDataService gateway, InstrumentId id) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("symbol", id.value());
        row.put("quote", gateway.lastQuote(id).orElse(null));
        row.put("mark", gateway.mark(id).orElse(null));
        return row;
    }

    @GET
    @Path("bars/{symbol}")
    public String bars(@PathParam("symbol") String symbol, @QueryParam("spec") String spec,
            @QueryParam("limit") String limit) {
        MarketDataService gateway = gateway();
        InstrumentId id = known(gateway, symbol);
        int count = Params.intIn("limit", limit, 100, 1, 10_000);
        if (spec == null || spec.isBlank()) {
            return Json.write(gateway.bars(id, count));
        }
        BarSpec barSpec;
        try {
            barSpec = BarSpec.parse(spec);
        } catch (RuntimeException e) {
            throw ApiException.badParameter("spec", "bar spec '" + spec + "': " + e.getMessage()
                    + "; e.g. PT1M, ticks:100, volume:250.5");
        }
        if (!gateway.barSpecs().contains(barSpec)) {
            throw new ApiException(404, "UNKNOWN_BAR_SPEC", "no bars are kept for " + spec + "; kept: "
                    + gateway.barSpecs(), "spec");
        }
        return Json.write(gateway.bars(id, barSpec, count));
    }

    @GET
    @Path("venues")
    public String venues() {
        return Json.write(venueService().venues());
    }

    @GET
    @Path("venues/{venue}/book/{symbol}")
    public String book(@PathParam("venue") String venue, @PathParam("symbol") String symbol,
            @QueryParam("levels") String levels) {
        int depth = Params.intIn("levels", levels, 5, 1, 100);
        List<Venue> all = venues == null ? List.of() : venues;
        Venue target = all.stream().filter(v -> v.id().value().equals(venue)).findFirst()
                .orElseThrow(() -> new ApiException(404, "UNKNOWN_VENUE", "no venue '" + venue + "'; venues: "
                        + all.stream().map(v -> v.id().value()).sorted().toList(), "venue"));
        InstrumentId id = OrdersResource.id("symbol", symbol, InstrumentId::of);
        return Json.write(target.depth(id, depth).orElseThrow(() -> new ApiException(404, "NO_BOOK",
                "venue " + venue + " shows no book for " + symbol, "symbol")));
    }

    @GET
    @Path("router/decisions")
    public String decisions(@QueryParam("limit") String limit) {
        return Json.write(venueService().decisions(Params.intIn("limit", limit, 50, 1, 1000)));
    }

    private MarketDataService gateway() {
        MarketDataService gateway = marketData;
        if (gateway == null) {
            throw new ApiException(503, "MARKET_DATA_UNAVAILABLE", "the market data gateway is not running", null);
        }
        return gateway;
    }

    private VenueService venueService() {
        VenueService service = venueService;
        if (service == null) {
            throw new ApiException(503, "VENUES_UNAVAILABLE", "the execution engine is not running", null);
        }
        return service;
    }

    static InstrumentId known(MarketDataService gateway, String symbol) {
        InstrumentId id = OrdersResource.id("symbol", symbol, InstrumentId::of);
        if (gateway.instrument(id).isEmpty()) {
            throw new ApiException(404, "UNKNOWN_SYMBOL", "no instrument '" + symbol + "'", "symbol");
        }
        return id;
    }
}
