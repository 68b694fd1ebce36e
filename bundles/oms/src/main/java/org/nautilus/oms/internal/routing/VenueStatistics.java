package org.nautilus.oms.internal.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;

/** What each venue did with the quantity routed to it: the router's historical fill rate. */
public final class VenueStatistics {

    private static final class Counters {
        final LongAdder orders = new LongAdder();
        final LongAdder routed = new LongAdder();
        final LongAdder filled = new LongAdder();
        final LongAdder rejected = new LongAdder();
    }

    private final Map<VenueId, Counters> counters = new ConcurrentHashMap<>();

    public void routed(VenueId venue, Quantity quantity) {
        Counters c = of(venue);
        c.orders.increment();
        c.routed.add(quantity.raw());
    }

    public void filled(VenueId venue, Quantity quantity) {
        of(venue).filled.add(quantity.raw());
    }

    public void reject(VenueId venue) {
        of(venue).rejected.increment();
    }

    /** Filled ÷ routed quantity, 0..1; {@code -1} when nothing was routed there yet. */
    public double fillRate(VenueId venue) {
        Counters c = counters.get(venue);
        long routed = c == null ? 0 : c.routed.sum();
        return routed == 0 ? -1 : Math.min(1.0, (double) c.filled.sum() / routed);
    }

    public long orders(VenueId venue) {
        Counters c = counters.get(venue);
        return c == null ? 0 : c.orders.sum();
    }

    public long rejected(VenueId venue) {
        Counters c = counters.get(venue);
        return c == null ? 0 : c.rejected.sum();
    }

    /** The fill rate as text for reasons, e.g. {@code 97%} or {@code n/a}. */
    public String describeFillRate(VenueId venue) {
        double rate = fillRate(venue);
        return rate < 0 ? "n/a" : Math.round(rate * 100) + "%";
    }

    private Counters of(VenueId venue) {
        return counters.computeIfAbsent(venue, v -> new Counters());
    }
}
