package org.nautilus.api.venue;

import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.VenueId;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An execution venue (simulated exchange, FIX session, broker), published as an OSGi service with the
 * property {@code venue.id=<id>}. The venue reports everything that happens to an order through the
 * {@link ExecutionListener} given with it, from any thread; it never blocks the caller on the network.
 */
@ConsumerType
public interface Venue {

    /** Service property carrying the venue id. */
    String ID_PROPERTY = "venue.id";

    VenueId id();

    /** One line for listings, e.g. {@code simulated exchange, fee 2 bps, latency 0 ms}. */
    String description();

    /** Sends a new order; the venue answers with ACCEPTED or REJECTED, then fills. */
    void submit(Order order, ExecutionListener listener);

    /** Asks to cancel an open order; the venue answers with CANCELED or, if too late, nothing but fills. */
    void cancel(Order order, ExecutionListener listener);
}
