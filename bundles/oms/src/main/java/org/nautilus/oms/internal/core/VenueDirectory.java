package org.nautilus.oms.internal.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.Venue;

/** The registered venues by id: the first service registered under an id serves it. */
public final class VenueDirectory {

    private final Map<VenueId, Venue> venues = new ConcurrentHashMap<>();

    /** {@code false} if another venue already serves this id. */
    public boolean add(VenueId id, Venue venue) {
        return venues.putIfAbsent(id, venue) == null;
    }

    /** {@code false} if this instance was not the one serving the id. */
    public boolean remove(VenueId id, Venue venue) {
        return venues.remove(id, venue);
    }

    /** {@code true} while this very instance serves its id (a venue registered again is a new instance). */
    public boolean isRegistered(Venue venue) {
        return venues.containsValue(venue);
    }

    public Optional<Venue> get(VenueId id) {
        return Optional.ofNullable(venues.get(id));
    }

    /** The venues sorted by id. */
    public List<Venue> all() {
        List<Venue> all = new ArrayList<>(venues.values());
        all.sort(Comparator.comparing(Venue::id));
        return all;
    }

    public List<VenueId> ids() {
        List<VenueId> ids = new ArrayList<>(venues.keySet());
        ids.sort(Comparator.naturalOrder());
        return ids;
    }
}
