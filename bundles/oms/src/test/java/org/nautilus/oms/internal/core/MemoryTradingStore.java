package org.nautilus.oms.internal.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.api.store.TradingStore;

/**
 * A {@link TradingStore} in maps, for the OMS tests: units of work are applied when they end, in end order. A
 * test can hold commits (their {@link Commit#await()} blocks until released) or make them fail.
 */
final class MemoryTradingStore implements TradingStore {

    private static final class Unit {
        int depth;
        final Map<OrderId, StoredOrder> orders = new LinkedHashMap<>();
        final List<OrderEvent> events = new ArrayList<>();
    }

    private final ThreadLocal<Unit> current = new ThreadLocal<>();
    final Map<OrderId, StoredOrder> orders = new ConcurrentHashMap<>();
    final Map<OrderId, List<OrderEvent>> events = new ConcurrentHashMap<>();
    final Map<OrderId, List<Fill>> fills = new ConcurrentHashMap<>();
    final Map<ClientOrderId, OrderId> keys = new ConcurrentHashMap<>();
    final AtomicInteger commits = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong(1);
    volatile CountDownLatch gate;
    volatile String failure;

    @Override
    public void begin() {
        Unit unit = current.get();
        if (unit == null) {
            unit = new Unit();
            current.set(unit);
        }
        unit.depth++;
    }

    @Override
    public Commit end() {
        Unit unit = current.get();
        if (unit == null) {
            throw new IllegalStateException("no unit of work open");
        }
        if (--unit.depth > 0) {
            return Commit.DONE;
        }
        current.remove();
        String failed = failure;
        if (failed == null) {
            apply(unit);
        }
        CountDownLatch held = gate;
        return new Commit() {
            @Override
            public void await() {
                await(Duration.ofSeconds(30));
            }

            @Override
            public boolean await(Duration timeout) {
                if (held != null) {
                    try {
                        if (!held.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                            return false;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                if (failed != null) {
                    throw new StoreException(failed);
                }
                return true;
            }

            @Override
            public boolean isDone() {
                return held == null || held.getCount() == 0;
            }

            @Override
            public void whenDone(Consumer<StoreException> action) {
                Runnable run = () -> {
                    try {
                        await();
                        action.accept(null);
                    } catch (StoreException e) {
                        action.accept(e);
                    }
                };
                if (isDone()) {
                    run.run();
                } else {
                    Thread waiter = new Thread(run, "memory-store-commit");
                    waiter.setDaemon(true);
                    waiter.start();
                }
            }
        };
    }

    private synchronized void apply(Unit unit) {
        if (unit.orders.isEmpty() && unit.events.isEmpty()) {
            return;
        }
        commits.incrementAndGet();
        orders.putAll(unit.orders);
        for (OrderEvent event : unit.events) {
            events.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event);
            if (event.fill() != null) {
                fills.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event.fill());
            }
        }
        for (StoredOrder order : unit.orders.values()) {
            if (!order.internal()) {
                keys.putIfAbsent(order.order().clientOrderId(), order.id());
            }
        }
    }

    @Override
    public boolean inUnitOfWork() {
        return current.get() != null;
    }

    @Override
    public void record(StoredOrder order, OrderEvent event) {
        Unit unit = current.get();
        boolean own = unit == null;
        if (own) {
            begin();
            unit = current.get();
        }
        unit.orders.put(order.id(), order);
        if (event != null) {
            unit.events.add(event);
        }
        if (own) {
            end().await();
        }
    }

    @Override
    public long reserveOrderIds(int count) {
        return ids.getAndAdd(count);
    }

    @Override
    public void forEachOrder(Consumer<StoredOrder> action) {
        orders.values().forEach(action);
    }

    @Override
    public Optional<StoredOrder> order(OrderId id) {
        return Optional.ofNullable(orders.get(id));
    }

    @Override
    public Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        return Optional.ofNullable(keys.get(clientOrderId));
    }

    @Override
    public synchronized List<OrderEvent> events(OrderId id) {
        return List.copyOf(events.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized List<Fill> fills(OrderId id) {
        return List.copyOf(fills.getOrDefault(id, List.of()));
    }

    @Override
    public long orderCount() {
        return orders.size();
    }

    @Override
    public String description() {
        return "memory (test)";
    }
}
