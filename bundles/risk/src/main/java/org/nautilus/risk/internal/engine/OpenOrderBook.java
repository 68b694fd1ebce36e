package org.nautilus.risk.internal.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;

/**
 * The orders that are not yet terminal, as the OMS reports them (it calls {@link #onOrder} for every change,
 * from the writer thread of the order's portfolio). Rules read it to see what is already working: open
 * quantity for position limits and reduce-only, resting prices for self-trade prevention.
 *
 * <p>Reads are the hot path (several per pre-trade check), so each bucket (one portfolio in one instrument;
 * one instrument across portfolios; one portfolio) keeps an immutable list, oldest first: a read is one map
 * lookup and no copy. Writes come with every order change (several per order), so a write copies the bucket's
 * list once with the order put in its place (or left out, when terminal) instead of re-sorting it: a
 * bucket holds a handful of working orders, so the linear search is cheaper than a hash map's upkeep.
 */
public final class OpenOrderBook {

    private static final Comparator<Order> OLDEST_FIRST =
            Comparator.comparing(Order::createdAt).thenComparing(Order::id);

    /** The working orders of one bucket, oldest first, as one immutable list replaced on each change. */
    private static final class Bucket {
        private volatile List<Order> snapshot = List.of();
        /** Where the next list is assembled; only used under the bucket's lock, cleared after each use. */
        private Order[] scratch = new Order[4];

        synchronized void apply(Order order) {
            List<Order> current = snapshot;
            int size = current.size();
            int at = indexOf(current, order.id());
            boolean terminal = order.status().isTerminal();
            if (terminal ? at < 0 : at >= 0 && unchanged(current.get(at), order)) {
                return;
            }
            if (scratch.length < size + 1) {
                scratch = new Order[2 * (size + 1)];
            }
            // The other orders keep their order; a working one goes where it sorts (a changed order normally
            // keeps its place: same creation time and id).
            int n = 0;
            boolean placed = terminal;
            for (int i = 0; i < size; i++) {
                Order o = current.get(i);
                if (i == at) {
                    continue;
                }
                if (!placed && OLDEST_FIRST.compare(order, o) < 0) {
                    scratch[n++] = order;
                    placed = true;
                }
                scratch[n++] = o;
            }
            if (!placed) {
                scratch[n++] = order;
            }
            snapshot = switch (n) {
                case 0 -> List.of();
                case 1 -> List.of(scratch[0]);
                case 2 -> List.of(scratch[0], scratch[1]);
                default -> List.of(Arrays.copyOf(scratch, n));
            };
            Arrays.fill(scratch, 0, n, null);
        }

        /** Order equality, the fields that change first: a full comparison would compare the requests first. */
        private static boolean unchanged(Order known, Order order) {
            return known == order || known.status() == order.status()
                    && known.filledQuantity().equals(order.filledQuantity()) && known.equals(order);
        }

        private static int indexOf(List<Order> orders, OrderId id) {
            for (int i = orders.size() - 1; i >= 0; i--) {
                if (orders.get(i).id().equals(id)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Portfolio, then instrument: two lookups and no key to allocate per order change. */
    private final Map<PortfolioId, Map<InstrumentId, Bucket>> byPortfolioInstrument = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Bucket> byInstrument = new ConcurrentHashMap<>();
    private final Map<PortfolioId, Bucket> byPortfolio = new ConcurrentHashMap<>();

    /** Applies an order change: keeps a working order, drops a terminal one. */
    public void onOrder(Order order) {
        if (order.status().isTerminal()) {
            // Nothing to create for an order we never saw working.
            Map<InstrumentId, Bucket> instruments = byPortfolioInstrument.get(order.portfolioId());
            apply(instruments == null ? null : instruments.get(order.instrumentId()), order);
            apply(byInstrument.get(order.instrumentId()), order);
            apply(byPortfolio.get(order.portfolioId()), order);
            return;
        }
        bucket(bucket(byPortfolioInstrument, order.portfolioId(), k -> new ConcurrentHashMap<>()),
                order.instrumentId(), k -> new Bucket()).apply(order);
        bucket(byInstrument, order.instrumentId(), k -> new Bucket()).apply(order);
        bucket(byPortfolio, order.portfolioId(), k -> new Bucket()).apply(order);
    }

    public List<Order> openOrders(PortfolioId portfolio) {
        return snapshot(byPortfolio.get(portfolio));
    }

    public List<Order> openOrders(InstrumentId instrument) {
        return snapshot(byInstrument.get(instrument));
    }

    public List<Order> openOrders(PortfolioId portfolio, InstrumentId instrument) {
        Map<InstrumentId, Bucket> instruments = byPortfolioInstrument.get(portfolio);
        return snapshot(instruments == null ? null : instruments.get(instrument));
    }

    /** Number of working orders of every portfolio. */
    public int size() {
        return byPortfolio.values().stream().mapToInt(b -> b.snapshot.size()).sum();
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
