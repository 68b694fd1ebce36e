package org.nautilus.api.venue;

import java.util.Objects;
import org.nautilus.api.domain.VenueId;

/**
 * A registered venue as the shell and HTTP API show it.
 *
 * @param id           the venue id
 * @param description  the venue's own description
 * @param openOrders   orders routed to it that are still open
 * @param availability whether new orders go there (since 1.3)
 * @param reason       why it is not {@link VenueAvailability#AVAILABLE}, otherwise {@code null} (since 1.3)
 */
public record VenueInfo(VenueId id, String description, int openOrders, VenueAvailability availability,
        String reason) {

    public VenueInfo {
        Objects.requireNonNull(availability, "availability");
    }

    /** An available venue. */
    public VenueInfo(VenueId id, String description, int openOrders) {
        this(id, description, openOrders, VenueAvailability.AVAILABLE, null);
    }
}
