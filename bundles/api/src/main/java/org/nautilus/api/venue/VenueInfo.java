package org.nautilus.api.venue;

import org.nautilus.api.domain.VenueId;

/**
 * A registered venue as the shell and HTTP API show it.
 *
 * @param id          the venue id
 * @param description the venue's own description
 * @param openOrders  orders routed to it that are still open
 */
public record VenueInfo(VenueId id, String description, int openOrders) {
}
