package org.nautilus.risk.internal.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.PortfolioId;

/**
 * The orders that are not yet terminal, as the OMS reports them (it calls {@link #onOrder} for every change,
 * from the writer thread of the order's portfolio). Rules read it to see what is already working: open
 * quantity for position limits and reduce-only, resting prices for self-trade prevention.
 *
 * <p>Reads are the hot path (several per pre-trade check), so each bucket (one portfolio in one instrument;
 * one portfolio) keeps an immutable list, oldest first: a read is one map lookup and no copy. Every
 * portfolio's orders in one instrument are merged from the portfolios' buckets when asked for. Writes come with
 * every order change (several per order), so a write copies the bucket's list once with the order put in its
 * place (or left out, when terminal) instead of re-sorting it: a bucket holds a handful of working orders, so
 * the linear search is cheaper than a hash map's upkeep.
 */
public final class OpenOrderBook {

    private static final Comparator<Order> OLDEST_FIRST = Comparator.comparing(Order::createdAt)
            .thenComparing(Order::id);

    /**
     * The working orders of one bucket, oldest first, as one immutable list replaced on each change. The writer
     * finds an order's place from primitive copies of the list's ids, creation times, statuses and filled
     * quantities (a write reads no order objects but the one it may replace).
     */
    private static final class Bucket {
        private volatile List<Order> snapshot = List.of();
        /** The snapshot's orders' fields, same positions; only used under the bucket's lock. */
        private long[] ids = new long[4];
        private long[] createdSeconds = new long[4];
        private int[] createdNanos = new int[4];
        private int[] statuses = new int[4];
        private long[] filled = new long[4];
        /** Where the next list is assembled; only used under the bucket's lock, cleared after each use. */
        private Order[] scratch = new Order[4];

        synchronized void apply(Order order) {
            List<Order> current = snapshot;
            int size = current.size();
            int at = indexOf(order.id().value(), size);
            boolean terminal = order.status().isTerminal();
            if (terminal ? at < 0 : at >= 0 && unchanged(current, at, order)) {
                return;
            }
            if (scratch.length < size + 1) {
                grow(2 * (size + 1));
            }
            // The other orders keep their order; a working one goes where it sorts (a changed order normally
            // keeps its place: same creation time and id).
            long seconds = order.createdAt().getEpochSecond();
            int nanos = order.createdAt().getNano();
            long id = order.id().value();
            int n = 0;
            int placedAt = terminal ? -2 : -1;
            for (int i = 0; i < size; i++) {
                if (i == at) {
                    continue;
                }
                if (placedAt == -1 && sortsBefore(seconds, nanos, id, i)) {
                    placedAt = n;
                    scratch[n++] = order;
                }
                scratch[n++] = current.get(i);
            }
            if (placedAt == -1) {
                placedAt = n;
                scratch[n++] = order;
            }
            compact(at, placedAt, order, size);
            snapshot = switch (n) {
                case 0 -> List.of();
                case 1 -> List.of(scratch[0]);
                case 2 -> List.of(scratch[0], scratch[1]);
                default -> List.of(Arrays.copyOf(scratch, n));
            };
            Arrays.fill(scratch, 0, n, null);
        }

        /** Order equality, the fields that change first: the record's own equals compares the requests first. */
        private boolean unchanged(List<Order> current, int at, Order order) {
            return statuses[at] == order.status().ordinal() && filled[at] == order.filledQuantity().raw()
                    && current.get(at).equals(order);
        }

        /** Oldest first: creation time, then id. */
        private boolean sortsBefore(long seconds, int nanos, long id, int i) {
            if (seconds != createdSeconds[i]) {
                return seconds < createdSeconds[i];
            }
            if (nanos != createdNanos[i]) {
                return nanos < createdNanos[i];
            }
            return id < ids[i];
        }

        /** The primitive copies follow the new list: {@code at} removed, the order put at {@code placedAt}. */
        private void compact(int at, int placedAt, Order order, int size) {
            if (at >= 0) {
                remove(at, size);
                size--;
            }
            if (placedAt >= 0) {
                insert(placedAt, size);
                ids[placedAt] = order.id().value();
                createdSeconds[placedAt] = order.createdAt().getEpochSecond();
                createdNanos[placedAt] = order.createdAt().getNano();
                statuses[placedAt] = order.status().ordinal();
                filled[placedAt] = order.filledQuantity().raw();
            }
        }

        private void remove(int at, int size) {
            int tail = size - at - 1;
            System.arraycopy(ids, at + 1, ids, at, tail);
            System.arraycopy(createdSeconds, at + 1, createdSeconds, at, tail);
            System.arraycopy(createdNanos, at + 1, createdNanos, at, tail);
            System.arraycopy(statuses, at + 1, statuses, at, tail);
            System.arraycopy(filled, at + 1, filled, at, tail);
        }

        private void insert(int at, int size) {
            int tail = size - at;
            System.arraycopy(ids, at, ids, at + 1, tail);
            System.arraycopy(createdSeconds, at, createdSeconds, at + 1, tail);
            System.arraycopy(createdNanos, at, createdNanos, at + 1, tail);
            System.arraycopy(statuses, at, statuses, at + 1, tail);
            System.arraycopy(filled, at, filled, at + 1, tail);
        }

        private void grow(int capacity) {
            scratch = new Order[capacity];
            ids = Arrays.copyOf(ids, capacity);
            createdSeconds = Arrays.copyOf(createdSeconds, capacity);
            createdNanos = Arrays.copyOf(createdNanos, capacity);
            statuses = Arrays.copyOf(statuses, capacity);
            filled = Arrays.copyOf(filled, capacity);
        }

        private int indexOf(long id, int size) {
            for (int i = size - 1; i >= 0; i--) {
                if (ids[i] == id) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Portfolio, then instrument: two lookups and no key to allocate per order change. */
    private final Map<PortfolioId, Map<InstrumentId, Bucket>> byPortfolioInstrument = new ConcurrentHashMap<>();
    private final Map<PortfolioId, Bucket> byPortfolio = new ConcurrentHashMap<>();
    /**
     * The (portfolio, instrument) buckets of each instrument, an immutable list replaced when a bucket is created.
     * Every portfolio's orders in an instrument are read from these rather than kept in a bucket of their own:
     * such a bucket would be written by every OMS partition's thread (a lock and its lists bouncing between
     * cores on every order change), while only self-trade prevention across portfolios reads it.
     */
    private final Map<InstrumentId, List<Bucket>> byInstrument = new ConcurrentHashMap<>();

    /** Applies an order change: keeps a working order, drops a terminal one. */
    public void onOrder(Order order) {
        Map<InstrumentId, Bucket> instruments = byPortfolioInstrument.get(order.portfolioId());
        Bucket bucket = instruments == null ? null : instruments.get(order.instrumentId());
        if (order.status().isTerminal()) {
            // Nothing to create for an order we never saw working.
            apply(bucket, order);
            apply(byPortfolio.get(order.portfolioId()), order);
            return;
        }
        if (bucket == null) {
            bucket = newBucket(order.portfolioId(), order.instrumentId());
        }
        bucket.apply(order);
        bucket(byPortfolio, order.portfolioId(), k -> new Bucket()).apply(order);
    }

    public List<Order> openOrders(PortfolioId portfolio) {
        return snapshot(byPortfolio.get(portfolio));
    }

    /** Every portfolio's open orders in the instrument, oldest first: the portfolios' lists merged. */
    public List<Order> openOrders(InstrumentId instrument) {
        List<Order> first = List.of();
        List<List<Order>> more = null;
        int total = 0;
        for (Bucket b : byInstrument.getOrDefault(instrument, List.of())) {
            List<Order> orders = b.snapshot;
            if (orders.isEmpty()) {
                continue;
            }
            total += orders.size();
            if (first.isEmpty()) {
                first = orders;
            } else {
                if (more == null) {
                    more = new ArrayList<>();
                }
                more.add(orders);
            }
        }
        if (more == null) {
            return first;
        }
        Order[] all = new Order[total];
        int n = 0;
        for (Order o : first) {
            all[n++] = o;
        }
        for (List<Order> orders : more) {
            for (Order o : orders) {
                all[n++] = o;
            }
        }
        Arrays.sort(all, OLDEST_FIRST);
        return List.of(all);
    }

    public List<Order> openOrders(PortfolioId portfolio, InstrumentId instrument) {
        Map<InstrumentId, Bucket> instruments = byPortfolioInstrument.get(portfolio);
        return snapshot(instruments == null ? null : instruments.get(instrument));
    }

    /** Number of working orders of every portfolio. */
    public int size() {
        return byPortfolio.values().stream().mapToInt(b -> b.snapshot.size()).sum();
    }

    /** Creates the (portfolio, instrument) bucket and registers it with the instrument. */
    private Bucket newBucket(PortfolioId portfolio, InstrumentId instrument) {
        Bucket[] created = new Bucket[1];
        Bucket bucket = bucket(byPortfolioInstrument, portfolio, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(instrument, k -> created[0] = new Bucket());
        if (created[0] != null) {
            byInstrument.compute(instrument, (k, list) -> {
                List<Bucket> next = new ArrayList<>(list == null ? List.of() : list);
                next.add(created[0]);
                return List.copyOf(next);
            });
        }
        return bucket;
    }

    /** The bucket almost always exists: a plain read first, computeIfAbsent only to create it. */
    private static <K, V> V bucket(Map<K, V> map, K key, Function<K, V> create) {
        V value = map.get(key);
        return value != null ? value : map.computeIfAbsent(key, create);
    }

    private static void apply(Bucket bucket, Order order) {
        if (bucket != null) {
            bucket.apply(order);
        }
    }

    private static List<Order> snapshot(Bucket bucket) {
        return bucket == null ? List.of() : bucket.snapshot;
    }
}
