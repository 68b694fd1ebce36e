package org.nautilus.oms.internal.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.venue.RoutingDecision;

/**
 * The router's most recent decisions, a bounded history that the shell and HTTP API can query. A decision is
 * kept as a supplier and written out (its reason text formatted) the first time it is read.
 *
 * <p>One ring per OMS partition (stripe): each partition's writer adds to its own ring, so writers never contend
 * and adding allocates nothing but the supplier (no map entry, no node). With {@code n} stripes in use
 * ({@link #stripes}), each ring keeps the {@code capacity / n} (rounded up) most recent decisions of its stripe, so
 * about {@code capacity} in all (a decision holds the router's book snapshots until it is dropped); reads merge the
 * rings newest first (by decision time, then order id) and find a decision by order id by scanning them, which is
 * fine for the shell's occasional queries.
 */
public final class DecisionLog {

    /** Stripes beyond this share rings (partition modulo). */
    private static final int MAX_STRIPES = 16;

    /** One stripe's ring; guarded by itself (uncontended on the hot path: one writer per partition). */
    private static final class Ring {
        private OrderId[] ids;
        private Instant[] times;
        /** A {@code Supplier<RoutingDecision>} until first read, then the {@link RoutingDecision}. */
        private Object[] entries;
        /** Total added; the newest entry is at {@code (added - 1) % length}. */
        private long added;

        Ring(int capacity) {
            allocate(capacity);
        }

        private void allocate(int capacity) {
            ids = new OrderId[capacity];
            times = new Instant[capacity];
            entries = new Object[capacity];
        }

        synchronized void add(OrderId orderId, Instant at, Supplier<RoutingDecision> decision, int capacity) {
            if (capacity != ids.length) {
                resize(capacity);
            }
            int slot = (int) (added % ids.length);
            ids[slot] = orderId;
            times[slot] = at;
            entries[slot] = decision;
            added++;
        }

        /** Keeps the newest entries that fit. */
        private void resize(int capacity) {
            int kept = (int) Math.min(Math.min(added, ids.length), capacity);
            OrderId[] oldIds = ids;
            Instant[] oldTimes = times;
            Object[] oldEntries = entries;
            long oldAdded = added;
            allocate(capacity);
            added = 0;
            for (long i = oldAdded - kept; i < oldAdded; i++) {
                int from = (int) (i % oldIds.length);
                int slot = (int) (added % capacity);
                ids[slot] = oldIds[from];
                times[slot] = oldTimes[from];
                entries[slot] = oldEntries[from];
                added++;
            }
        }

        private int size() {
            return (int) Math.min(added, ids.length);
        }

        @SuppressWarnings("unchecked")
        private RoutingDecision materialize(int slot) {
            Object entry = entries[slot];
            if (entry instanceof RoutingDecision decision) {
                return decision;
            }
            RoutingDecision decision = ((Supplier<RoutingDecision>) entry).get();
            entries[slot] = decision;
            return decision;
        }

        /** The newest {@code limit} entries, newest first, written out. */
        synchronized void newest(int limit, List<Stamped> into) {
            int n = Math.min(limit, size());
            for (int i = 0; i < n; i++) {
                int slot = (int) ((added - 1 - i) % ids.length);
                into.add(new Stamped(times[slot], ids[slot], materialize(slot)));
            }
        }

        synchronized Stamped find(OrderId orderId) {
            int n = size();
            for (int i = 0; i < n; i++) {
                int slot = (int) ((added - 1 - i) % ids.length);
                if (orderId.equals(ids[slot])) {
                    return new Stamped(times[slot], ids[slot], materialize(slot));
                }
            }
            return null;
        }
    }

    private record Stamped(Instant at, OrderId orderId, RoutingDecision decision) {
    }

    private static final Comparator<Stamped> NEWEST_FIRST = Comparator.comparing(Stamped::at)
            .thenComparing(Stamped::orderId).reversed();

    private final AtomicReferenceArray<Ring> rings = new AtomicReferenceArray<>(MAX_STRIPES);
    private volatile int capacity;
    private volatile int stripes = 1;

    public DecisionLog(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    public void capacity(int newCapacity) {
        capacity = Math.max(1, newCapacity);
    }

    /** How many stripes (OMS partitions) write: the capacity is shared among them. */
    public void stripes(int count) {
        stripes = Math.max(1, Math.min(count, MAX_STRIPES));
    }

    private int ringCapacity() {
        int n = stripes;
        return (capacity + n - 1) / n;
    }

    void add(RoutingDecision decision) {
        add(0, decision.orderId(), decision.timestamp(), () -> decision);
    }

    /** Adds the decision for {@code orderId}; {@code decision} is called at most once, when first read. */
    void add(OrderId orderId, Supplier<RoutingDecision> decision) {
        add(0, orderId, Instant.EPOCH, decision);
    }

    /**
     * Adds the decision for {@code orderId} to the ring of {@code stripe} (the partition whose writer decided);
     * {@code decision} is called at most once, when first read.
     */
    public void add(int stripe, OrderId orderId, Instant at, Supplier<RoutingDecision> decision) {
        ring(stripe).add(orderId, at, decision, ringCapacity());
    }

    private Ring ring(int stripe) {
        int index = Math.floorMod(stripe, MAX_STRIPES);
        Ring ring = rings.get(index);
        if (ring == null) {
            rings.compareAndSet(index, null, new Ring(ringCapacity()));
            ring = rings.get(index);
        }
        return ring;
    }

    private List<Ring> existing() {
        List<Ring> list = new ArrayList<>(MAX_STRIPES);
        for (int i = 0; i < MAX_STRIPES; i++) {
            Ring ring = rings.get(i);
            if (ring != null) {
                list.add(ring);
            }
        }
        return list;
    }

    /** Newest first, at most {@code limit} (and at most the capacity). */
    public List<RoutingDecision> recent(int limit) {
        int n = Math.min(Math.max(limit, 0), capacity);
        List<Stamped> all = new ArrayList<>();
        for (Ring ring : existing()) {
            ring.newest(n, all);
        }
        all.sort(NEWEST_FIRST);
        List<RoutingDecision> list = new ArrayList<>(Math.min(n, all.size()));
        for (int i = 0; i < all.size() && list.size() < n; i++) {
            list.add(all.get(i).decision());
        }
        return list;
    }

    public Optional<RoutingDecision> of(OrderId orderId) {
        for (Ring ring : existing()) {
            Stamped found = ring.find(orderId);
            if (found != null) {
                return Optional.of(found.decision());
            }
        }
        return Optional.empty();
    }
}
