package org.nautilus.risk.internal.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * one instrument across portfolios; one portfolio) keeps an immutable list, oldest first, rebuilt on the rare
 * write under the bucket's lock: a read is one map lookup and no copy. A terminal order is dropped.
 */
public final class OpenOrderBook {

    private static final Comparator<Order> OLDEST_FIRST =
            Comparator.comparing(Order::createdAt).thenComparing(Order::id);

    private record Key(PortfolioId portfolio, InstrumentId instrument) {
    }

    /** The working orders of one bucket and their immutable, sorted snapshot. */
    private static final class Bucket {
        private final Map<OrderId, Order> orders = new ConcurrentHashMap<>();
        private volatile List<Order> snapshot = List.of();

        synchronized void apply(Order order) {
            boolean changed = order.status().isTerminal()
                    ? orders.remove(order.id()) != null
                    : !Objects.equals(orders.put(order.id(), order), order);
            if (changed) {
                List<Order> next = new ArrayList<>(orders.values());
                next.sort(OLDEST_FIRST);
                snapshot = List.copyOf(next);
            }
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
