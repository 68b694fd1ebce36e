package org.nautilus.oms.internal.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueConnectionListener;
import org.nautilus.api.venue.VenueExecution;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenuePosition;
import org.nautilus.api.venue.VenueQuery;

/**
 * An in-test venue that keeps its own book of our orders (accepted, resting), executions and account positions,
 * and whose link to the OMS the test can cut: while it is down, what happens at the venue is not reported, and the
 * OMS learns it only by reconciling. Its query answers can be made to fail.
 */
final class ReconcilingVenue implements Venue {

    static final Instant T = Fixtures.NOW;

    private final VenueId id;
    private final Map<OrderId, VenueOrder> open = new ConcurrentHashMap<>();
    private final Map<OrderId, ExecutionListener> listeners = new ConcurrentHashMap<>();
    private final Map<OrderId, Order> orders = new ConcurrentHashMap<>();
    final List<VenueExecution> executions = new CopyOnWriteArrayList<>();
    final Map<InstrumentId, Quantity> account = new ConcurrentHashMap<>();
    final List<VenueOrder> external = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    /** The venue's own lock: order entry takes it, as a real session's send path does. */
    final ReentrantLock lock = new ReentrantLock();
    private volatile boolean linked = true;
    private volatile VenueConnectionListener connection;
    volatile String failOpenOrders;
    volatile String failExecutions;
    volatile String failPositions;
    volatile boolean executionsUnsupported;
    volatile boolean positionsUnsupported;

    ReconcilingVenue(String id) {
        this.id = VenueId.of(id);
    }

    @Override
    public VenueId id() {
        return id;
    }

    @Override
    public String description() {
        return "reconciling test venue " + id;
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        lock.lock();
        try {
            accept(order, listener);
        } finally {
            lock.unlock();
        }
    }

    private void accept(Order order, ExecutionListener listener) {
        listeners.put(order.id(), listener);
        orders.put(order.id(), order);
        open.put(order.id(), new VenueOrder(order.id(), "V" + order.id().value(), order.instrumentId(), order.side(),
                order.quantity(), Quantity.ZERO, order.request().limitPrice()));
        report(order.id(), ExecType.ACCEPTED, null);
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        closeHere(order.id(), "canceled on request");
    }

    /** The venue executes {@code quantity} of our order (reported only if the link is up). */
    String fill(OrderId orderId, long quantity, String price) {
        VenueOrder order = open.get(orderId);
        String executionId = id + "-x" + ids.incrementAndGet();
        Quantity qty = Quantity.ofWhole(quantity);
        executions.add(new VenueExecution(executionId, orderId, order.venueOrderId(), order.instrumentId(),
                order.side(), qty, Price.of(price), Money.ZERO, T));
        account.merge(order.instrumentId(), order.side() == Side.BUY ? qty : qty.negate(), Quantity::plus);
        Quantity filled = order.filledQuantity().plus(qty);
        if (filled.compareTo(order.quantity()) >= 0) {
            open.remove(orderId);
        } else {
            open.put(orderId, new VenueOrder(orderId, order.venueOrderId(), order.instrumentId(), order.side(),
                    order.quantity(), filled, order.limitPrice()));
        }
        if (linked) {
            listeners.get(orderId).onReport(ExecutionReport.fill(orderId, id, executionId, qty, Price.of(price),
                    Money.ZERO, T));
        }
        return executionId;
    }

    /** The venue closes our order (a cancel, an expiry, a session end), reported only if the link is up. */
    void closeHere(OrderId orderId, String reason) {
        if (open.remove(orderId) != null) {
            report(orderId, ExecType.CANCELED, reason);
        }
    }

    private void report(OrderId orderId, ExecType type, String reason) {
        if (linked) {
            listeners.get(orderId).onReport(ExecutionReport.of(orderId, id, type, id + "-r" + ids.incrementAndGet(),
                    reason, T));
        }
    }

    void linkDown(String reason) {
        linked = false;
        connection.disconnected(id, reason);
    }

    void linkUp() {
        linked = true;
        connection.connected(id);
    }

    @Override
    public VenueQuery<List<VenueOrder>> openOrders() {
        if (failOpenOrders != null) {
            return VenueQuery.failed(failOpenOrders);
        }
        List<VenueOrder> all = new ArrayList<>(open.values());
        all.addAll(external);
        return VenueQuery.answered(all);
    }

    @Override
    public VenueQuery<List<VenueExecution>> executions(Instant since) {
        if (executionsUnsupported) {
            return VenueQuery.unsupported("test venue keeps no executions");
        }
        return failExecutions != null ? VenueQuery.failed(failExecutions)
                : VenueQuery.answered(List.copyOf(executions));
    }

    @Override
    public VenueQuery<List<VenuePosition>> positions() {
        if (positionsUnsupported) {
            return VenueQuery.unsupported("test venue keeps no account");
        }
        if (failPositions != null) {
            return VenueQuery.failed(failPositions);
        }
        List<VenuePosition> positions = new ArrayList<>();
        account.forEach((instrument, quantity) -> positions.add(new VenuePosition(instrument, quantity)));
        return VenueQuery.answered(positions);
    }

    @Override
    public boolean connected() {
        return linked;
    }

    @Override
    public void connectionListener(VenueConnectionListener listener) {
        connection = listener;
    }
}
