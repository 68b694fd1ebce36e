package org.nautilus.oms.internal.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueAvailability;

/**
 * The registered venues by id: the first service registered under an id serves it. Each has an availability: only
 * AVAILABLE venues get new orders (a venue reconciling, disconnected or blocked keeps its open orders).
 */
public final class VenueDirectory {

    /** A venue's availability and why it is not available ({@code null} when it is). */
    public record State(VenueAvailability availability, String reason) {
        static final State AVAILABLE = new State(VenueAvailability.AVAILABLE, null);
    }

    private final Map<VenueId, Venue> venues = new ConcurrentHashMap<>();
    private final Map<VenueId, State> states = new ConcurrentHashMap<>();
    /**
     * The AVAILABLE venues sorted by id, immutable: read for every order, so it is rebuilt when a venue or a state
     * changes (rarely, under the monitor) instead of on every read.
     */
    private volatile List<Venue> available = List.of();

    /** {@code false} if another venue already serves this id. */
    public synchronized boolean add(VenueId id, Venue venue) {
        boolean added = venues.putIfAbsent(id, venue) == null;
        available = availableNow();
        return added;
    }

    /** {@code false} if this instance was not the one serving the id. */
    public synchronized boolean remove(VenueId id, Venue venue) {
        if (venues.remove(id, venue)) {
            states.remove(id);
            available = availableNow();
            return true;
        }
        return false;
    }

    /** A venue without a state set (never reconciled) counts as available. */
    public State state(VenueId id) {
        return states.getOrDefault(id, State.AVAILABLE);
    }

    public synchronized void state(VenueId id, VenueAvailability availability, String reason) {
        states.put(id, availability == VenueAvailability.AVAILABLE ? State.AVAILABLE : new State(availability, reason));
        available = availableNow();
    }

    /** The venues that take new orders, sorted by id (an immutable list). */
    public List<Venue> available() {
        return available;
    }

    private List<Venue> availableNow() {
        List<Venue> now = new ArrayList<>();
        venues.forEach((id, venue) -> {
            if (state(id).availability() == VenueAvailability.AVAILABLE) {
                now.add(venue);
            }
        });
        now.sort(Comparator.comparing(Venue::id));
        return List.copyOf(now);
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
