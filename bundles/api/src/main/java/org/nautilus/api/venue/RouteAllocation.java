package org.nautilus.api.venue;

import java.util.Objects;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;

/**
 * The part of an order the router sent to one venue.
 *
 * @param venueId       the venue
 * @param quantity      the quantity sent there
 * @param expectedPrice the average price the venue's book showed for that quantity, fees excluded;
 *                      {@code null} when the order does not trade at once (a resting limit, a stop) or the
 *                      venue shows no book
 */
public record RouteAllocation(VenueId venueId, Quantity quantity, Price expectedPrice) {

    public RouteAllocation {
        Objects.requireNonNull(venueId, "venueId");
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("allocation quantity must be positive, got " + quantity);
        }
    }
}
