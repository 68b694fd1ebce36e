package org.nautilus.oms.internal.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.BookDepth;
import org.nautilus.api.venue.BookLevel;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionListener;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.FeeSchedule;
import org.nautilus.api.venue.Venue;

/** An in-test venue whose answers the test chooses; it remembers what it was sent. */
final class FakeVenue implements Venue {

    enum OnSubmit {
        FILL, ACCEPT, REJECT, SILENT, THROW
    }

    enum OnCancel {
        CANCEL, SILENT, REJECT
    }

    enum OnAmend {
        UNSUPPORTED, REPLACE, REJECT, SILENT
    }

    /** How the venue answers a reconciliation after an OMS restart. */
    enum OnReconcile {
        NOTHING, CANCEL
    }

    static final Instant T = Instant.parse("2024-03-01T14:30:00Z");

    private final VenueId id;
    volatile OnSubmit onSubmit;
    volatile OnCancel onCancel = OnCancel.CANCEL;
    volatile OnAmend onAmend = OnAmend.UNSUPPORTED;
    volatile OnReconcile onReconcile = OnReconcile.NOTHING;
    final List<Order> reconciled = new CopyOnWriteArrayList<>();
    /** The book this venue shows the router, {@code null}: none. */
    volatile BookDepth depth;
    volatile FeeSchedule fees;
    final List<Order> amends = new CopyOnWriteArrayList<>();
    /** Where a market order fills. */
    volatile Price bid = Price.of("99.95");
    volatile Price ask = Price.of("100.05");
    volatile Money commissionPerFill = Money.of("1.5");
    final List<Order> submitted = new CopyOnWriteArrayList<>();
    final List<Order> cancels = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<OrderId, ExecutionListener> listeners = new ConcurrentHashMap<>();
    private final AtomicLong executions = new AtomicLong();

    FakeVenue(String id, OnSubmit onSubmit) {
        this.id = VenueId.of(id);
        this.onSubmit = onSubmit;
    }

    @Override
    public VenueId id() {
        return id;
    }

    @Override
    public String description() {
        return "fake venue " + id;
    }

    @Override
    public void submit(Order order, ExecutionListener listener) {
        submitted.add(order);
        listeners.put(order.id(), listener);
        switch (onSubmit) {
            case FILL -> {
                accept(order.id());
                Price price = order.request().limitPrice() != null ? order.request().limitPrice()
                        : order.side() == Side.BUY ? ask : bid;
                fill(order.id(), order.quantity(), price);
            }
            case ACCEPT -> accept(order.id());
            case REJECT -> report(order.id(), ExecType.REJECTED, "no liquidity for " + order.instrumentId());
            case THROW -> throw new IllegalStateException("connection lost");
            case SILENT -> {
            }
            default -> throw new AssertionError(onSubmit);
        }
    }

    @Override
    public void cancel(Order order, ExecutionListener listener) {
        cancels.add(order);
        switch (onCancel) {
            case CANCEL -> report(order.id(), ExecType.CANCELED, null);
            case REJECT -> report(order.id(), ExecType.REJECTED, "too late to cancel");
            case SILENT -> {
            }
            default -> throw new AssertionError(onCancel);
        }
    }

    @Override
    public void reconcile(Order order, ExecutionListener listener) {
        reconciled.add(order);
        listeners.put(order.id(), listener);
        if (onReconcile == OnReconcile.CANCEL) {
            report(order.id(), ExecType.CANCELED, "fake venue restarted without its book");
        }
    }

    @Override
    public boolean supportsAmend() {
        return onAmend != OnAmend.UNSUPPORTED;
    }

    @Override
    public void amend(Order amended, ExecutionListener listener) {
        amends.add(amended);
        switch (onAmend) {
            case REPLACE -> report(amended.id(), ExecType.REPLACED, null);
            case REJECT -> report(amended.id(), ExecType.REPLACE_REJECTED, "price outside the collar");
            case SILENT -> {
            }
            default -> Venue.super.amend(amended, listener);
        }
    }

    @Override
    public Optional<BookDepth> depth(InstrumentId instrument, int levels) {
        return Optional.ofNullable(depth);
    }

    @Override
    public Optional<FeeSchedule> fees() {
        return Optional.ofNullable(fees);
    }

    /** Shows a book of {@code asks} and {@code bids}, each "price x quantity", best first. */
    FakeVenue book(List<String> bids, List<String> asks) {
        depth = new BookDepth(id, InstrumentId.of("AAPL"), levels(bids), levels(asks), T);
        if (!asks.isEmpty()) {
            ask = levels(asks).get(0).price();
        }
        if (!bids.isEmpty()) {
            bid = levels(bids).get(0).price();
        }
        return this;
    }

    FakeVenue fees(String makerBps, String takerBps) {
        fees = FeeSchedule.ofBps(makerBps, takerBps);
        return this;
    }

    private static List<BookLevel> levels(List<String> levels) {
        List<BookLevel> list = new ArrayList<>();
        for (String level : levels) {
            String[] parts = level.split("x");
            list.add(new BookLevel(Price.of(parts[0].strip()), Quantity.of(parts[1].strip()), 1));
        }
        return list;
    }

    void accept(OrderId orderId) {
        report(orderId, ExecType.ACCEPTED, null);
    }

    void reject(OrderId orderId, RejectCode code, String reason) {
        listeners.get(orderId).onReport(ExecutionReport.rejected(orderId, id, id + "-r" + executions.incrementAndGet(),
                code, reason, T));
    }

    void report(OrderId orderId, ExecType type, String reason) {
        listeners.get(orderId).onReport(ExecutionReport.of(orderId, id, type, id + "-r" + executions.incrementAndGet(),
                reason, T));
    }

    /** Sends a fill with a fresh execution id and returns that id. */
    String fill(OrderId orderId, Quantity quantity, Price price) {
        String executionId = id + "-x" + executions.incrementAndGet();
        fill(orderId, executionId, quantity, price);
        return executionId;
    }

    void fill(OrderId orderId, String executionId, Quantity quantity, Price price) {
        listeners.get(orderId).onReport(ExecutionReport.fill(orderId, id, executionId, quantity, price,
                commissionPerFill, T));
    }

    List<OrderId> submittedIds() {
        List<OrderId> ids = new ArrayList<>();
        submitted.forEach(o -> ids.add(o.id()));
        return ids;
    }
}
