package org.nautilus.oms.internal.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;

/**
 * Finished orders of one partition kept compact: the fields of each order's final snapshot packed into
 * preallocated arrays (a ring of the most recent {@code capacity}), with open-addressing indexes by order id and by
 * client order id. Keeping them costs no objects per order but its client order id (and a reason text, if any):
 * the arrays live in the old generation for good, so tens of thousands of retained orders are neither copied by
 * young collections nor promoted to fill the old generation, and no map node is added or removed per order.
 *
 * <p>{@link #get} and {@link #find} rebuild an {@link Order} equal to the snapshot that was added. Written by the
 * partition's writer, read by any thread: every method holds the instance's monitor (uncontended on the hot
 * path).
 */
final class CompactOrders {

    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIFS = TimeInForce.values();

    private static final int POST_ONLY = 1;
    private static final int REDUCE_ONLY = 2;
    private static final int HAS_LIMIT = 4;
    private static final int HAS_STOP = 8;
    private static final int HAS_AVERAGE = 16;

    private int capacity;
    /** Next slot to write; once full, the oldest entry's slot. */
    private int head;
    private int size;

    private long[] ids;
    private ClientOrderId[] clientIds;
    private PortfolioId[] portfolios;
    private InstrumentId[] instruments;
    private VenueId[] requestVenues;
    private VenueId[] venues;
    private String[] reasons;
    private Instant[] expireTimes;
    private long[] quantities;
    private long[] limits;
    private long[] stops;
    private long[] filled;
    private long[] averages;
    private long[] createdSeconds;
    private int[] createdNanos;
    private long[] updatedSeconds;
    private int[] updatedNanos;
    /** status, side, type, time in force: one byte each. */
    private int[] kinds;
    private byte[] flags;

    /** Open addressing, linear probing: slot + 1, 0 when empty. */
    private int[] byId;
    private int[] byClientId;
    private int mask;

    CompactOrders(int capacity) {
        allocate(Math.max(1, capacity));
    }

    private void allocate(int newCapacity) {
        capacity = newCapacity;
        head = 0;
        size = 0;
        ids = new long[capacity];
        clientIds = new ClientOrderId[capacity];
        portfolios = new PortfolioId[capacity];
        instruments = new InstrumentId[capacity];
        requestVenues = new VenueId[capacity];
        venues = new VenueId[capacity];
        reasons = new String[capacity];
        expireTimes = new Instant[capacity];
        quantities = new long[capacity];
        limits = new long[capacity];
        stops = new long[capacity];
        filled = new long[capacity];
        averages = new long[capacity];
        createdSeconds = new long[capacity];
        createdNanos = new int[capacity];
        updatedSeconds = new long[capacity];
        updatedNanos = new int[capacity];
        kinds = new int[capacity];
        flags = new byte[capacity];
        int table = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // at least 2x: short probes
        byId = new int[table];
        byClientId = new int[table];
        mask = table - 1;
    }

    synchronized int size() {
        return size;
    }

    /**
     * Adds a finished order, dropping the oldest one if {@code newCapacity} entries are kept already (a changed
     * capacity applies now, keeping the newest entries that fit).
     *
     * @return {@code true} if an older order was dropped
     */
    synchronized boolean add(Order order, int newCapacity) {
        boolean dropped = false;
        if (newCapacity != capacity) {
            dropped = resize(Math.max(1, newCapacity));
        }
        if (size == capacity) {
            unindex(head);
            size--;
            dropped = true;
        }
        int slot = head;
        ids[slot] = order.id().value();
        clientIds[slot] = order.clientOrderId();
        write(slot, order);
        index(slot);
        head = (head + 1) % capacity;
        size++;
        return dropped;
    }

    /** Replaces the entry of the same order (a late fill after it was made compact); nothing if it is gone. */
    synchronized void update(Order order) {
        int slot = slotOf(order.id().value());
        if (slot >= 0) {
            write(slot, order);
        }
    }

    synchronized Order get(OrderId id) {
        int slot = slotOf(id.value());
        return slot < 0 ? null : order(slot);
    }

    synchronized boolean contains(OrderId id) {
        return slotOf(id.value()) >= 0;
    }

    synchronized Order find(ClientOrderId clientOrderId) {
        int i = spread(clientOrderId.hashCode()) & mask;
        for (int entry; (entry = byClientId[i]) != 0; i = (i + 1) & mask) {
            if (clientIds[entry - 1].equals(clientOrderId)) {
                return order(entry - 1);
            }
        }
        return null;
    }

    /** Every entry, oldest first. */
    synchronized List<Order> all() {
        List<Order> list = new ArrayList<>(size);
        int first = (head - size + capacity) % capacity;
        for (int n = 0; n < size; n++) {
            list.add(order((first + n) % capacity));
        }
        return list;
    }

    private void write(int slot, Order order) {
        OrderRequest r = order.request();
        portfolios[slot] = r.portfolioId();
        instruments[slot] = r.instrumentId();
        requestVenues[slot] = r.venueId();
        venues[slot] = order.venueId();
        reasons[slot] = order.reason();
        expireTimes[slot] = r.expireTime();
        quantities[slot] = r.quantity().raw();
        limits[slot] = r.limitPrice() == null ? 0 : r.limitPrice().raw();
        stops[slot] = r.stopPrice() == null ? 0 : r.stopPrice().raw();
        filled[slot] = order.filledQuantity().raw();
        averages[slot] = order.averagePrice() == null ? 0 : order.averagePrice().raw();
        createdSeconds[slot] = order.createdAt().getEpochSecond();
        createdNanos[slot] = order.createdAt().getNano();
        updatedSeconds[slot] = order.updatedAt().getEpochSecond();
        updatedNanos[slot] = order.updatedAt().getNano();
        kinds[slot] = order.status().ordinal() | r.side().ordinal() << 8 | r.type().ordinal() << 16
                | r.timeInForce().ordinal() << 24;
        flags[slot] = (byte) ((r.postOnly() ? POST_ONLY : 0) | (r.reduceOnly() ? REDUCE_ONLY : 0)
                | (r.limitPrice() != null ? HAS_LIMIT : 0) | (r.stopPrice() != null ? HAS_STOP : 0)
                | (order.averagePrice() != null ? HAS_AVERAGE : 0));
    }

    private Order order(int slot) {
        int kind = kinds[slot];
        int flag = flags[slot];
        OrderRequest request = new OrderRequest(clientIds[slot], portfolios[slot], instruments[slot],
                SIDES[kind >>> 8 & 0xff], TYPES[kind >>> 16 & 0xff], new Quantity(quantities[slot]),
                (flag & HAS_LIMIT) != 0 ? new Price(limits[slot]) : null,
                (flag & HAS_STOP) != 0 ? new Price(stops[slot]) : null, TIFS[kind >>> 24 & 0xff],
                expireTimes[slot], requestVenues[slot], (flag & POST_ONLY) != 0, (flag & REDUCE_ONLY) != 0);
        return new Order(OrderId.of(ids[slot]), request, STATUSES[kind & 0xff], new Quantity(filled[slot]),
                (flag & HAS_AVERAGE) != 0 ? new Price(averages[slot]) : null, venues[slot], reasons[slot],
                Instant.ofEpochSecond(createdSeconds[slot], createdNanos[slot]),
                Instant.ofEpochSecond(updatedSeconds[slot], updatedNanos[slot]));
    }

    /** Keeps the newest entries that fit the new capacity; {@code true} if some were dropped. */
    private boolean resize(int newCapacity) {
        List<Order> kept = all();
        int drop = Math.max(0, kept.size() - newCapacity);
        allocate(newCapacity);
        for (Order order : kept.subList(drop, kept.size())) {
            int slot = head;
            ids[slot] = order.id().value();
            clientIds[slot] = order.clientOrderId();
            write(slot, order);
            index(slot);
            head = (head + 1) % capacity;
            size++;
        }
        return drop > 0;
    }

    private int slotOf(long id) {
        int i = spread(Long.hashCode(id)) & mask;
        for (int entry; (entry = byId[i]) != 0; i = (i + 1) & mask) {
            if (ids[entry - 1] == id) {
                return entry - 1;
            }
        }
        return -1;
    }

    private void index(int slot) {
        insert(byId, spread(Long.hashCode(ids[slot])) & mask, slot);
        insert(byClientId, spread(clientIds[slot].hashCode()) & mask, slot);
    }

    private void insert(int[] table, int start, int slot) {
        int i = start;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slot + 1;
    }

    private void unindex(int slot) {
        remove(byId, spread(Long.hashCode(ids[slot])) & mask, slot, true);
        remove(byClientId, spread(clientIds[slot].hashCode()) & mask, slot, false);
        clientIds[slot] = null;
        reasons[slot] = null;
        expireTimes[slot] = null;
    }

    /** Removes {@code slot} from a linear-probing table, shifting later entries of its run back (no tombstones). */
    private void remove(int[] table, int start, int slot, boolean byOrderId) {
        int i = start;
        while (table[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int entry = table[j] - 1;
            int home = spread(byOrderId ? Long.hashCode(ids[entry]) : clientIds[entry].hashCode()) & mask;
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!homeBetween) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
