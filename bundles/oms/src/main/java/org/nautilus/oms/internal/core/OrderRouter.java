package org.nautilus.oms.internal.core;

import java.util.List;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.venue.Venue;

/** Chooses the venue of a new order among the registered ones. */
public interface OrderRouter {

    /**
     * The chosen venue, or a refusal saying why none fits.
     *
     * @param venues the registered venues, sorted by id
     */
    Routing route(OrderRequest request, List<Venue> venues);

    /** A routing outcome: {@code venue} is {@code null} when refused; {@code reason} says why either way. */
    record Routing(Venue venue, String code, String reason) {

        public static Routing to(Venue venue, String reason) {
            return new Routing(venue, "OK", reason);
        }

        public static Routing refused(String code, String reason) {
            return new Routing(null, code, reason);
        }

        public boolean routed() {
            return venue != null;
        }
    }
}
