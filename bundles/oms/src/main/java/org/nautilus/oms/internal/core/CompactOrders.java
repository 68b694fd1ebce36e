package org.nautilus.oms.internal.core;

import java.nio.charset.StandardCharsets;
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
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;
import org.nautilus.api.domain.VenueId;

/**
 * Finished orders of one partition kept compact: the fields of each order's final snapshot packed into
 * preallocated arrays (a ring of the most recent {@code capacity}), with open-addressing indexes by order id and by
 * client order id. Keeping them costs no object per order (but a reason text or expire time, if any):
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

    /** Fields of one order in {@link #longs}, per slot. */
    private static final int ID = 0;
    private static final int QUANTITY = 1;
    private static final int LIMIT = 2;
    private static final int STOP = 3;
    private static final int FILLED = 4;
    private static final int AVERAGE = 5;
    private static final int CREATED = 6;
    private static final int UPDATED = 7;
    /** created nanos (high 32 bits), updated nanos (low 32 bits). */
    private static final int NANOS = 8;
    /** status, side, type, time in force (a byte each), flags (a byte). */
    private static final int KINDS = 9;
    /** The client order id's hash (low 32 bits) and length (high 32 bits). */
    private static final int CLIENT_ID = 10;
    private static final int LONGS = 11;
    /** Client order ids are 1-64 ASCII characters ({@link ClientOrderId}): kept as bytes, 64 per slot. */
    private static final int CLIENT_ID_BYTES = 64;

    /**
     * Fields of one order in {@link #refs}, per slot: shared objects (portfolio, instrument and venue ids) and the
     * rare per-order ones (a reason, an expire time). The client order id is kept as bytes, so that retaining an
     * order retains no young object the collector would have to copy and promote.
     */
    private static final int PORTFOLIO = 0;
    private static final int INSTRUMENT = 1;
    private static final int REQUEST_VENUE = 2;
    private static final int VENUE = 3;
    private static final int REASON = 4;
    private static final int EXPIRE = 5;
    private static final int REFS = 6;

    private int capacity;
    /** Next slot to write; once full, the oldest entry's slot. */
    private int head;
    private int size;

    /** The slots' fields side by side, so that writing or reading one order touches few cache lines. */
    private long[] longs;
    private Object[] refs;
    private byte[] clientIds;

    /**
     * Open addressing, linear probing; an entry is {@code hash << 32 | slot + 1}, 0 when empty: probing and the
     * backward shift on removal compare hashes in the table itself, without touching the orders.
     *
     * <p>Ours, not Agrona's maps (used for the simulated exchange's books): the client order id index is keyed by
     * the id's bytes packed in {@link #clientIds}, and a map keyed by objects would have to keep a
     * {@link ClientOrderId} per retained order, the one object per order this class exists to avoid; the id index
     * shares its probing and removal code, so both stay one mechanism.
     */
    private long[] byId;
    private long[] byClientId;
    private int mask;

    CompactOrders(int capacity) {
        allocate(Math.max(1, capacity));
    }

    private void allocate(int newCapacity) {
        capacity = newCapacity;
        head = 0;
        size = 0;
        longs = new long[capacity * LONGS];
        refs = new Object[capacity * REFS];
        clientIds = new byte[capacity * CLIENT_ID_BYTES];
        int table = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // at least 2x: short probes
        byId = new long[table];
        byClientId = new long[table];
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
        put(order);
        return dropped;
    }

    private void put(Order order) {
        int slot = head;
        int clientHash = clientIdHash(order.clientOrderId());
        String clientId = order.clientOrderId().value();
        int length = clientId.length();
        int base = slot * CLIENT_ID_BYTES;
        for (int i = 0; i < length; i++) {
            clientIds[base + i] = (byte) clientId.charAt(i);
        }
        longs[slot * LONGS + ID] = order.id().value();
        longs[slot * LONGS + CLIENT_ID] = (long) length << 32 | (clientHash & 0xffffffffL);
        write(slot, order);
        insert(byId, idHash(order.id().value()), slot);
        insert(byClientId, clientHash, slot);
        head = (head + 1) % capacity;
        size++;
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
        int hash = clientIdHash(clientOrderId);
        for (int i = hash & mask; byClientId[i] != 0; i = (i + 1) & mask) {
            long entry = byClientId[i];
            int slot = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && sameClientId(slot, clientOrderId.value())) {
                return order(slot);
            }
        }
        return null;
    }

    private boolean sameClientId(int slot, String clientId) {
        int length = clientId.length();
        if ((int) (longs[slot * LONGS + CLIENT_ID] >>> 32) != length) {
            return false;
        }
        int base = slot * CLIENT_ID_BYTES;
        for (int i = 0; i < length; i++) {
            if (clientIds[base + i] != (byte) clientId.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private ClientOrderId clientId(int slot) {
        int length = (int) (longs[slot * LONGS + CLIENT_ID] >>> 32);
        return ClientOrderId.of(new String(clientIds, slot * CLIENT_ID_BYTES, length, StandardCharsets.US_ASCII));
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
        int o = slot * REFS;
        refs[o + PORTFOLIO] = r.portfolioId();
        refs[o + INSTRUMENT] = r.instrumentId();
        refs[o + REQUEST_VENUE] = r.venueId();
        refs[o + VENUE] = order.venueId();
        refs[o + REASON] = order.reason();
        refs[o + EXPIRE] = r.expireTime();
        int l = slot * LONGS;
        longs[l + QUANTITY] = r.quantity().raw();
        longs[l + LIMIT] = r.limitPrice() == null ? 0 : r.limitPrice().raw();
        longs[l + STOP] = r.stopPrice() == null ? 0 : r.stopPrice().raw();
        longs[l + FILLED] = order.filledQuantity().raw();
        longs[l + AVERAGE] = order.averagePrice() == null ? 0 : order.averagePrice().raw();
        longs[l + CREATED] = order.createdAt().getEpochSecond();
        longs[l + UPDATED] = order.updatedAt().getEpochSecond();
        longs[l + NANOS] = (long) order.createdAt().getNano() << 32 | order.updatedAt().getNano();
        int flag = (r.postOnly() ? POST_ONLY : 0) | (r.reduceOnly() ? REDUCE_ONLY : 0)
                | (r.limitPrice() != null ? HAS_LIMIT : 0) | (r.stopPrice() != null ? HAS_STOP : 0)
                | (order.averagePrice() != null ? HAS_AVERAGE : 0);
        longs[l + KINDS] = order.status().ordinal() | r.side().ordinal() << 8 | r.type().ordinal() << 16
                | (long) r.timeInForce().ordinal() << 24 | (long) flag << 32
                | (long) (order.rejectCode() == null ? 0 : order.rejectCode().ordinal() + 1) << 48;
    }

    private Order order(int slot) {
        int l = slot * LONGS;
        int o = slot * REFS;
        long kind = longs[l + KINDS];
        int flag = (int) (kind >>> 32);
        long nanos = longs[l + NANOS];
        OrderRequest request = new OrderRequest(clientId(slot), (PortfolioId) refs[o + PORTFOLIO],
                (InstrumentId) refs[o + INSTRUMENT], SIDES[(int) (kind >>> 8 & 0xff)],
                TYPES[(int) (kind >>> 16 & 0xff)], new Quantity(longs[l + QUANTITY]),
                (flag & HAS_LIMIT) != 0 ? new Price(longs[l + LIMIT]) : null,
                (flag & HAS_STOP) != 0 ? new Price(longs[l + STOP]) : null, TIFS[(int) (kind >>> 24 & 0xff)],
                (Instant) refs[o + EXPIRE], (VenueId) refs[o + REQUEST_VENUE], (flag & POST_ONLY) != 0,
                (flag & REDUCE_ONLY) != 0);
        return new Order(OrderId.of(longs[l + ID]), request, STATUSES[(int) (kind & 0xff)],
                new Quantity(longs[l + FILLED]), (flag & HAS_AVERAGE) != 0 ? new Price(longs[l + AVERAGE]) : null,
                (VenueId) refs[o + VENUE], (String) refs[o + REASON], rejectCode((int) (kind >>> 48 & 0xff)),
                Instant.ofEpochSecond(longs[l + CREATED], nanos >>> 32),
                Instant.ofEpochSecond(longs[l + UPDATED], nanos & 0xffffffffL));
    }

    /** The reject code kept as its ordinal + 1 (0: none). */
    private static RejectCode rejectCode(int stored) {
        return stored == 0 ? null : REJECT_CODES[stored - 1];
    }

    private static final RejectCode[] REJECT_CODES = RejectCode.values();

    /** Keeps the newest entries that fit the new capacity; {@code true} if some were dropped. */
    private boolean resize(int newCapacity) {
        List<Order> kept = all();
        int drop = Math.max(0, kept.size() - newCapacity);
        allocate(newCapacity);
        for (Order order : kept.subList(drop, kept.size())) {
            put(order);
        }
        return drop > 0;
    }

    private int slotOf(long id) {
        int hash = idHash(id);
        for (int i = hash & mask; byId[i] != 0; i = (i + 1) & mask) {
            long entry = byId[i];
            int slot = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && longs[slot * LONGS + ID] == id) {
                return slot;
            }
        }
        return -1;
    }

    private void insert(long[] table, int hash, int slot) {
        int i = hash & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = (long) hash << 32 | (slot + 1);
    }

    private void unindex(int slot) {
        remove(byId, idHash(longs[slot * LONGS + ID]), slot);
        int o = slot * REFS;
        remove(byClientId, (int) longs[slot * LONGS + CLIENT_ID], slot);
        refs[o + REASON] = null;
        refs[o + EXPIRE] = null;
    }

    /** Removes {@code slot} from a linear-probing table, shifting later entries of its run back (no tombstones). */
    private void remove(long[] table, int hash, int slot) {
        int i = hash & mask;
        while ((int) table[i] != slot + 1) {
            i = (i + 1) & mask;
        }
        int hole = i;
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = (int) (table[j] >>> 32) & mask;
            // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
            boolean homeBetween = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!homeBetween) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private static int idHash(long id) {
        return spread(Long.hashCode(id));
    }

    private static int clientIdHash(ClientOrderId clientOrderId) {
        return spread(clientOrderId.hashCode());
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
