package org.nautilus.oms.internal.core;

import java.util.List;
import java.util.stream.Collectors;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.Venue;

/**
 * Routes to the venue the order names; an order naming none goes to the default venue if registered, else to
 * the first registered venue by id.
 */
public final class DirectRouter implements OrderRouter {

    private final VenueId defaultVenue;

    /** @param defaultVenue where orders without a venue go, or {@code null} for the first by id */
    public DirectRouter(VenueId defaultVenue) {
        this.defaultVenue = defaultVenue;
    }

    @Override
    public Routing route(OrderRequest request, List<Venue> venues) {
        if (venues.isEmpty()) {
            return Routing.refused("NO_VENUE", "no venue is registered");
        }
        if (request.venueId() != null) {
            for (Venue venue : venues) {
                if (venue.id().equals(request.venueId())) {
                    return Routing.to(venue, "requested by the order");
                }
            }
            return Routing.refused("UNKNOWN_VENUE", "venue " + request.venueId() + " is not registered (registered: "
                    + venues.stream().map(v -> v.id().value()).collect(Collectors.joining(", ")) + ")");
        }
        if (defaultVenue != null) {
            for (Venue venue : venues) {
                if (venue.id().equals(defaultVenue)) {
                    return Routing.to(venue, "default venue");
                }
            }
        }
        return Routing.to(venues.get(0), "first registered venue");
    }
}
