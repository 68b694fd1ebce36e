package org.nautilus.risk.internal.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    private record Key(PortfolioId portfolio, InstrumentId instrument) {
    }

    /** The working orders of one bucket, oldest first, as one immutable list replaced on each change. */
    private static final class Bucket {
        private volatile List<Order> snapshot = List.of();

        synchronized void apply(Order order) {
            List<Order> current = snapshot;
            int size = current.size();
            int at = indexOf(current, order.id());
            if (order.status().isTerminal()) {
                if (at >= 0) {
                    Order[] next = new Order[size - 1];
                    for (int i = 0, j = 0; i < size; i++) {
                        if (i != at) {
                            next[j++] = current.get(i);
                        }
                    }
                    snapshot = listOf(next);
                }
                return;
            }
            if (at >= 0 && current.get(at).equals(order)) {
                return;
            }
            // Put the order where it sorts; a changed order normally keeps its place (same creation time and id).
            Order[] next = new Order[at >= 0 ? size : size + 1];
            int j = 0;
            boolean placed = false;
            for (int i = 0; i < size; i++) {
                Order o = current.get(i);
                if (i == at) {
                    continue;
                }
                if (!placed && OLDEST_FIRST.compare(order, o) < 0) {
                    next[j++] = order;
                    placed = true;
                }
                next[j++] = o;
            }
            if (!placed) {
                next[j] = order;
            }
            snapshot = listOf(next);
        }

        private static int indexOf(List<Order> orders, OrderId id) {
            for (int i = orders.size() - 1; i >= 0; i--) {
                if (orders.get(i).id().equals(id)) {
                    return i;
                }
            }
            return -1;
        }

        private static List<Order> listOf(Order[] orders) {
            return switch (orders.length) {
                case 0 -> List.of();
                case 1 -> List.of(orders[0]);
                case 2 -> List.of(orders[0], orders[1]);
                default -> List.of(orders);
            };
        }
    }

    private final Map<Key, Bucket> byPortfolioInstrument = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Bucket> byInstrument = new ConcurrentHashMap<>();
    private final Map<PortfolioId, Bucket> byPortfolio = new ConcurrentHashMap<>();

    /** Applies an order change: keeps a working order, drops a terminal one. */
    public void onOrder(Order order) {
        if (order.status().isTerminal()) {
            // Nothing to create for an order we never saw working.
            apply(byPortfolioInstrument.get(new Key(order.portfolioId(), order.instrumentId())), order);
            apply(byInstrument.get(order.instrumentId()), order);
            apply(byPortfolio.get(order.portfolioId()), order);
            return;
        }
        byPortfolioInstrument.computeIfAbsent(new Key(order.portfolioId(), order.instrumentId()), k -> new Bucket())
                .apply(order);
        byInstrument.computeIfAbsent(order.instrumentId(), k -> new Bucket()).apply(order);
        byPortfolio.computeIfAbsent(order.portfolioId(), k -> new Bucket()).apply(order);
    }

    public List<Order> openOrders(PortfolioId portfolio) {
        return snapshot(byPortfolio.get(portfolio));
    }

    public List<Order> openOrders(InstrumentId instrument) {
        return snapshot(byInstrument.get(instrument));
    }

    public List<Order> openOrders(PortfolioId portfolio, InstrumentId instrument) {
        return snapshot(byPortfolioInstrument.get(new Key(portfolio, instrument)));
    }

    /** Number of working orders of every portfolio. */
    public int size() {
        return byPortfolio.values().stream().mapToInt(b -> b.snapshot.size()).sum();
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
