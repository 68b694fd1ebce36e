package org.nautilus.oms.internal.core;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;

/**
 * The net quantity the OMS has filled at each venue, per instrument: what the venue's account should hold as far as
 * the OMS knows. Rebuilt at recovery from every stored order's filled quantity, then kept up by each booked fill
 * (several partition writers add to one instrument, hence the atomic counters).
 */
final class VenuePositions {

    private final Map<VenueId, Map<InstrumentId, AtomicLong>> byVenue = new ConcurrentHashMap<>();

    /** Adds a stored order's fills (a split parent's fills are counted on its parts, at their venues). */
    void add(Order order) {
        VenueId venue = order.request().venueId();
        if (venue != null && !venue.equals(OrderManager.SPLIT) && !order.filledQuantity().isZero()) {
            add(venue, order.instrumentId(), order.side(), order.filledQuantity());
        }
    }

    void add(VenueId venue, InstrumentId instrument, Side side, Quantity quantity) {
        byVenue.computeIfAbsent(venue, v -> new ConcurrentHashMap<>())
                .computeIfAbsent(instrument, i -> new AtomicLong())
                .addAndGet(side.sign() * quantity.raw());
    }

    /** The net positions at {@code venue}, zero ones left out, sorted by instrument. */
    Map<InstrumentId, Quantity> at(VenueId venue) {
        Map<InstrumentId, Quantity> positions = new TreeMap<>();
        byVenue.getOrDefault(venue, Map.of()).forEach((instrument, raw) -> {
            long value = raw.get();
            if (value != 0) {
                positions.put(instrument, new Quantity(value));
            }
        });
        return positions;
    }
}
