package org.nautilus.risk.internal.engine;

import java.util.ArrayList;
import java.util.Collection;
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
 * <p>Thread-safe: concurrent maps indexed by portfolio and by instrument; a terminal order is dropped, so the
 * book only holds what is working.
 */
public final class OpenOrderBook {

    private static final Comparator<Order> OLDEST_FIRST =
            Comparator.comparing(Order::createdAt).thenComparing(Order::id);

    private final Map<PortfolioId, Map<OrderId, Order>> byPortfolio = new ConcurrentHashMap<>();
    private final Map<InstrumentId, Map<OrderId, Order>> byInstrument = new ConcurrentHashMap<>();

    /** Applies an order change: keeps a working order, drops a terminal one. */
    public void onOrder(Order order) {
        Map<OrderId, Order> mine = byPortfolio.computeIfAbsent(order.portfolioId(), k -> new ConcurrentHashMap<>());
        Map<OrderId, Order> instrument =
                byInstrument.computeIfAbsent(order.instrumentId(), k -> new ConcurrentHashMap<>());
        if (order.status().isTerminal()) {
            mine.remove(order.id());
            instrument.remove(order.id());
        } else {
            mine.put(order.id(), order);
            instrument.put(order.id(), order);
        }
    }

    public List<Order> openOrders(PortfolioId portfolio) {
        return sorted(byPortfolio.getOrDefault(portfolio, Map.of()).values());
    }

    public List<Order> openOrders(InstrumentId instrument) {
        return sorted(byInstrument.getOrDefault(instrument, Map.of()).values());
    }

    public List<Order> openOrders(PortfolioId portfolio, InstrumentId instrument) {
        Collection<Order> all = byInstrument.getOrDefault(instrument, Map.of()).values();
        List<Order> mine = new ArrayList<>();
        for (Order o : all) {
            if (o.portfolioId().equals(portfolio)) {
                mine.add(o);
            }
        }
        if (mine.size() > 1) {
            mine.sort(OLDEST_FIRST);
        }
        return mine;
    }

    /** Number of working orders of every portfolio. */
    public int size() {
        return byPortfolio.values().stream().mapToInt(Map::size).sum();
    }

    private static List<Order> sorted(Collection<Order> orders) {
        if (orders.isEmpty()) {
            return List.of();
        }
        List<Order> list = new ArrayList<>(orders);
        list.sort(OLDEST_FIRST);
        return list;
    }
}
