package org.nautilus.grid.internal.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.StoredOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders, their events and fills and the idempotency keys of a journaling store, kept in Ignite as the journal's
 * records themselves: one row per record (a group of commands, ~250 bytes per order), keyed by its journal
 * sequence, written behind the acknowledgement by the materializer. One row per group instead of ~3 per order is
 * what lets the caches keep up with the journal: on this machine an Ignite row costs 12–25 µs of CPU whatever its
 * size.
 *
 * <p>Lookups go through an index in memory, rebuilt from the rows at start: order id → the records holding its
 * changes, and a 64-bit hash of each client order id → order id (a hit is checked against the order itself).
 * About 40 bytes per order. Thread-safe: the committer indexes, readers look up.
 */
final class OrderLog {

    private static final Logger LOG = LoggerFactory.getLogger(OrderLog.class);
    /** Rows fetched per round trip while scanning. */
    private static final int FETCH = 256;

    private final IgniteCache<Long, byte[]> cache;
    /** Order id → the first record holding it; later ones, rarer (orders that rest and trade later), beside it. */
    private final LongLongMap firstRecord = new LongLongMap(1 << 16);
    private final Map<Long, long[]> laterRecords = new HashMap<>();
    private final LongLongMap clientIds = new LongLongMap(1 << 16);
    private final Map<Long, long[]> clientIdCollisions = new HashMap<>();
    private long events;

    OrderLog(IgniteCache<Long, byte[]> cache) {
        this.cache = cache;
    }

    IgniteCache<Long, byte[]> cache() {
        return cache;
    }

    /** Rebuilds the index from the rows (at start, before any other use). */
    void load() {
        List<Long> sequences = sortedSequences();
        long started = System.nanoTime();
        forEachRecord(sequences, this::index);
        if (!sequences.isEmpty()) {
            LOG.info("Nautilus store: indexed {} order(s) in {} journal record(s) in {} ms", orderCount(),
                    sequences.size(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The records' units, in sequence order, {@link #FETCH} rows per round trip. */
    private void forEachRecord(List<Long> sequences, RecordAction action) {
        for (int from = 0; from < sequences.size(); from += FETCH) {
            List<Long> chunk = sequences.subList(from, Math.min(sequences.size(), from + FETCH));
            Map<Long, byte[]> rows = cache.getAll(new TreeSet<>(chunk));
            for (Long sequence : chunk) {
                byte[] row = rows.get(sequence);
                if (row == null) {
                    throw new IllegalStateException("journal record " + sequence + " is indexed but not stored");
                }
                action.accept(sequence, units(ByteBuffer.wrap(row)));
            }
        }
    }

    @FunctionalInterface
    private interface RecordAction {
        void accept(long sequence, List<Unit> units);
    }

    /**
     * The units of one journal record ({@link IgniteTradingStore#journalRecord} wrote it), numbered, audit drafts
     * included.
     */
    static List<Unit> units(ByteBuffer record) {
        int count = record.getInt();
        List<Unit> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long first = record.getLong();
            int length = record.getInt();
            Unit unit = UnitCodec.decode(record.slice(record.position(), length));
            record.position(record.position() + length);
            unit.number(first);
            units.add(unit);
        }
        return units;
    }

    /** Indexes a record (by the committer, once it is journaled; before the row may exist). */
    synchronized void index(long sequence, List<Unit> units) {
        for (Unit unit : units) {
            for (OrderId id : unit.orders.keySet()) {
                long first = firstRecord.putIfAbsent(id.value(), sequence);
                if (first != LongLongMap.MISSING && first != sequence) {
                    long[] later = laterRecords.get(id.value());
                    if (later == null) {
                        laterRecords.put(id.value(), new long[] {sequence});
                    } else if (later[later.length - 1] != sequence) {
                        long[] grown = Arrays.copyOf(later, later.length + 1);
                        grown[later.length] = sequence;
                        laterRecords.put(id.value(), grown);
                    }
                }
            }
            for (OrderEvent event : unit.events) {
                StoredOrder order = unit.orders.get(event.orderId());
                if (event.version() == 1 && order != null && !order.internal()) {
                    long hash = hash(event.order().clientOrderId());
                    long known = clientIds.putIfAbsent(hash, event.orderId().value());
                    if (known != LongLongMap.MISSING && known != event.orderId().value()) {
                        long[] others = clientIdCollisions.getOrDefault(hash, new long[0]);
                        long[] grown = Arrays.copyOf(others, others.length + 1);
                        grown[others.length] = event.orderId().value();
                        clientIdCollisions.put(hash, grown);
                    }
                }
            }
            events += unit.events.size();
        }
    }

    synchronized long orderCount() {
        return firstRecord.size();
    }

    synchronized long eventCount() {
        return events;
    }

    /** The records holding changes of an order, oldest first; empty if unknown. */
    private synchronized long[] records(long id) {
        long first = firstRecord.get(id);
        if (first == LongLongMap.MISSING) {
            return new long[0];
        }
        long[] later = laterRecords.get(id);
        if (later == null) {
            return new long[] {first};
        }
        long[] all = new long[later.length + 1];
        all[0] = first;
        System.arraycopy(later, 0, all, 1, later.length);
        return all;
    }

    private synchronized long[] candidates(long hash) {
        long id = clientIds.get(hash);
        if (id == LongLongMap.MISSING) {
            return new long[0];
        }
        long[] others = clientIdCollisions.get(hash);
        if (others == null) {
            return new long[] {id};
        }
        long[] all = Arrays.copyOf(others, others.length + 1);
        all[others.length] = id;
        return all;
    }

    /**
     * A record's units; none while it is indexed but not yet written (the committer indexes before the
     * materializer writes; the store's pending state answers for it meanwhile).
     */
    private List<Unit> read(long sequence) {
        byte[] row = cache.get(sequence);
        return row == null ? List.of() : units(ByteBuffer.wrap(row));
    }

    /** The latest written state of the order. */
    Optional<StoredOrder> order(OrderId id) {
        long[] records = records(id.value());
        for (int i = records.length - 1; i >= 0; i--) {
            StoredOrder latest = null;
            for (Unit unit : read(records[i])) {
                StoredOrder state = unit.orders.get(id);
                if (state != null) {
                    latest = state;
                }
            }
            if (latest != null) {
                return Optional.of(latest);
            }
        }
        return Optional.empty();
    }

    Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        for (long id : candidates(hash(clientOrderId))) {
            Optional<StoredOrder> order = order(OrderId.of(id));
            if (order.isPresent() && order.get().order().clientOrderId().equals(clientOrderId)) {
                return Optional.of(OrderId.of(id));
            }
        }
        return Optional.empty();
    }

    /** The order's events, oldest first. */
    List<OrderEvent> events(OrderId id) {
        List<OrderEvent> found = new ArrayList<>();
        for (long sequence : records(id.value())) {
            for (Unit unit : read(sequence)) {
                for (OrderEvent event : unit.events) {
                    if (event.orderId().equals(id)) {
                        found.add(event);
                    }
                }
            }
        }
        return found;
    }

    /** Every order once, at its latest state, streaming through the records in order. */
    void forEachOrder(Consumer<StoredOrder> action) {
        forEachRecord(sortedSequences(), (sequence, units) -> {
            Map<OrderId, StoredOrder> last = new LinkedHashMap<>();
            for (Unit unit : units) {
                for (Map.Entry<OrderId, StoredOrder> e : unit.orders.entrySet()) {
                    long[] records = records(e.getKey().value());
                    if (records.length > 0 && records[records.length - 1] == sequence) {
                        last.put(e.getKey(), e.getValue());
                    }
                }
            }
            last.values().forEach(action);
        });
    }

    /** Every order event with its audit sequence number, in journal order. */
    void forEachEvent(EventAction action) {
        forEachRecord(sortedSequences(), (sequence, units) -> {
            for (Unit unit : units) {
                for (int i = 0; i < unit.events.size(); i++) {
                    action.accept(unit.firstSequence + 1 + i, unit.events.get(i));
                }
            }
        });
    }

    @FunctionalInterface
    interface EventAction {
        void accept(long sequence, OrderEvent event);
    }

    private List<Long> sortedSequences() {
        List<Long> sequences = new ArrayList<>();
        try (QueryCursor<Long> keys = cache.query(new ScanQuery<Long, byte[]>(), Cache.Entry::getKey)) {
            keys.forEach(sequences::add);
        }
        sequences.sort(null);
        return sequences;
    }

    /** FNV-1a over the id's UTF-8 bytes, then mixed; never {@link LongLongMap#FREE}. */
    static long hash(ClientOrderId clientOrderId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : clientOrderId.value().getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 29;
        return h == LongLongMap.FREE ? h + 1 : h;
    }
}
