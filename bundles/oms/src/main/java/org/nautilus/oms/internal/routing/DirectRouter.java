package org.nautilus.oms.internal.routing;

import java.util.List;
import java.util.stream.Collectors;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.Venue;

/**
 * Routes to the venue the order names; an order naming none goes to the default venue if registered, else to
 * the first registered venue by id. The smart order router uses it for orders that name their venue.
 */
public final class DirectRouter implements OrderRouter {

    private final VenueId defaultVenue;

    /** @param defaultVenue where orders without a venue go, or {@code null} for the first by id */
    public DirectRouter(VenueId defaultVenue) {
        this.defaultVenue = defaultVenue;
    }

    @Override
    public RoutingPlan route(OrderRequest request, List<Venue> venues) {
        if (venues.isEmpty()) {
            return RoutingPlan.refused("NO_VENUE", "no venue is registered");
        }
        if (request.venueId() != null) {
            Venue named = find(venues, request.venueId());
            return named != null ? RoutingPlan.to(named, request.quantity(), null, "requested by the order")
                    : RoutingPlan.refused("UNKNOWN_VENUE", "venue " + request.venueId() + " is not registered"
                            + " (registered: "
                            + venues.stream().map(v -> v.id().value()).collect(Collectors.joining(", "))
                            + ")");
        }
        Venue fallback = defaultVenue == null ? null : find(venues, defaultVenue);
        return fallback != null ? RoutingPlan.to(fallback, request.quantity(), null, "default venue")
                : RoutingPlan.to(venues.get(0), request.quantity(), null, "first registered venue");
    }

    static Venue find(List<Venue> venues, VenueId id) {
        for (Venue venue : venues) {
            if (venue.id().equals(id)) {
                return venue;
            }
        }
        return null;
    }
}
