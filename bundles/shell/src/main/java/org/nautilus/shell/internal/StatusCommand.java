package org.nautilus.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.routes.RouteService;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;

@Command(scope = "nautilus", name = "status", description = "Shows whether the node is ready to trade, part by part.", detailedDescription = "Lists each platform service and whether it is up. The last line is 'READY' once the\n"
        + "OMS, risk, positions (with their store), market data with prices, routes and at least one venue\n"
        + "available (connected and reconciled) are up, otherwise 'STARTING'. Scripts wait for READY: bin/nautilus-admin --wait 60 nautilus:status")
@Service
public class StatusCommand implements Action {

    @Reference(optional = true)
    OrderService orders;

    @Reference(optional = true)
    RiskService risk;

    @Reference(optional = true)
    PositionService positions;

    @Reference(optional = true)
    PositionStore positionStore;

    @Reference(optional = true)
    MarketDataService marketData;

    @Reference(optional = true)
    RouteService routes;

    @Reference(optional = true)
    VenueService venues;

    @Reference(optional = true)
    FactorService factors;

    @Reference(optional = true)
    ModelRegistry models;

    @Reference
    Session session;

    @Override
    public Object execute() {
        // Every node offers the OMS; it answers once it runs (here or on another node), not while it starts or moves.
        boolean omsUp = orders != null;
        String omsDetail = "";
        List<VenueInfo> venueList = List.of();
        try {
            omsDetail = orders == null ? "" : orders.orders().size() + " orders";
            venueList = venues == null ? List.of() : venues.venues();
        } catch (OrderServiceUnavailableException e) {
            omsUp = false;
            omsDetail = e.getMessage();
        }
        long priced = marketData == null ? 0
                : marketData.instruments().stream().filter(i -> marketData.mark(i.id()).isPresent()).count();
        ShellTable table = new ShellTable();
        table.column("PART");
        table.column("STATE");
        table.column("DETAIL");
        row(table, "oms", omsUp, omsDetail);
        row(table, "risk", risk != null, risk == null ? "" : risk.rules().size() + " rules");
        row(table, "positions", positions != null && positionStore != null,
                positionStore == null ? "no position store" : positionStore.description());
        row(table, "market data", marketData != null && priced > 0,
                marketData == null ? "" : priced + "/" + marketData.instruments().size() + " instruments priced");
        row(table, "routes", routes != null, routes == null ? "" : routes.routes().size() + " routes");
        // A venue still reconciling denies orders (VENUE_UNAVAILABLE): not ready to trade until one is available.
        List<String> notAvailable = venueList.stream().filter(v -> v.availability() != VenueAvailability.AVAILABLE)
                .map(v -> v.id().value() + " " + v.availability()).toList();
        int available = venueList.size() - notAvailable.size();
        row(table, "venues", available > 0, available + "/" + venueList.size() + " venues available"
                + (notAvailable.isEmpty() ? "" : " (" + String.join(", ", notAvailable) + ")"));
        row(table, "factors", factors != null, factors == null ? "" : factors.factors().size() + " factors");
        row(table, "models", models != null, models == null ? "" : models.models().size() + " registered models");
        Text.print(table, session);
        boolean ready = omsUp && risk != null && positions != null && positionStore != null
                && marketData != null && priced > 0 && routes != null && available > 0;
        System.out.println(ready ? "READY" : "STARTING");
        return null;
    }

    private static void row(ShellTable table, String part, boolean up, String detail) {
        table.addRow().addContent(part, up ? "up" : "DOWN", detail);
    }
}
