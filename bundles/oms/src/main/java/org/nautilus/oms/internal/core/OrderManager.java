package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.ACCEPTED;
import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.DENIED;
import static org.nautilus.api.domain.OrderStatus.EXPIRED;
import static org.nautilus.api.domain.OrderStatus.FILLED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED;
import static org.nautilus.api.domain.OrderStatus.PENDING_CANCEL;
import static org.nautilus.api.domain.OrderStatus.PENDING_UPDATE;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.api.domain.OrderStatus.SUBMITTED;
import static org.nautilus.api.domain.OrderStatus.TRIGGERED;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order management system's core, plain Java: accepts orders, validates them against their instrument,
 * asks pre-trade risk, routes them, sends them to a venue and applies the venue's execution reports through
 * the {@link OrderStateMachine}, telling the {@link OrderListeners} about every change and fill.
 *
 * <h2>Threading contract</h2>
 * Orders are partitioned by portfolio; each partition has one writer ({@link PartitionAgent}), so the commands
 * and reports of one portfolio are applied one at a time, in order. {@link #submit} and {@link #cancel} return
 * after the command was applied, handed to the venue and the venue's synchronous answers were applied: a venue
 * that fills at once yields a FILLED order from {@code submit}; a venue that answers later yields a SUBMITTED
 * order whose later states arrive through the listeners. Listeners run on the partition's writer thread.
 */
public final class OrderManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderManager.class);

    private final Clock clock;
    private final OrderValidator validator;
    private final RiskService risk;
    private final VenueDirectory venues;
    private final OrderListeners listeners;
    private volatile OrderRouter router;
    private final PartitionAgent[] partitions;
    private final AtomicLong nextId;
    private final Map<OrderId, OrderRecord> orders = new ConcurrentHashMap<>();
    private final Map<ClientOrderId, OrderId> byClientId = new ConcurrentHashMap<>();

    private final AtomicLong illegalTransitions = new AtomicLong();
    private final AtomicLong duplicateReports = new AtomicLong();
    private final AtomicLong lateFills = new AtomicLong();
    private final AtomicLong refusedReports = new AtomicLong();

    /**
     * @param instruments  the instrument definitions (the market data gateway)
     * @param partitions   number of single-writer partitions the portfolios are spread over
     * @param firstOrderId the id the next order gets
     */
    public OrderManager(Clock clock, Function<InstrumentId, Optional<Instrument>> instruments, RiskService risk,
                        VenueDirectory venues, OrderRouter router, OrderListeners listeners, int partitions,
                        long firstOrderId) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validator = new OrderValidator(instruments);
        this.risk = Objects.requireNonNull(risk, "risk");
        this.venues = Objects.requireNonNull(venues, "venues");
        this.router = Objects.requireNonNull(router, "router");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.partitions = new PartitionAgent[partitions];
        for (int i = 0; i < partitions; i++) {
            this.partitions[i] = new PartitionAgent("nautilus-oms-p" + i);
        }
        this.nextId = new AtomicLong(firstOrderId);
    }

    public void setRouter(OrderRouter router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    // ---------------------------------------------------------------- commands

    /**
     * Submits a new order. A repeated client order id returns the existing order and creates nothing.
     *
     * @return the order after validation, risk, routing and the venue's synchronous answer
     */
    public Order submit(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        OrderRecord existing = existing(request.clientOrderId());
        if (existing != null) {
            return existing.snapshot();
        }
        PartitionAgent partition = partitionOf(request.portfolioId());
        return partition.call(() -> submitAsWriter(request, partition)).snapshot();
    }

    /** Asks the order's venue to cancel it; see {@link CommandResult} for the refusals. */
    public CommandResult cancel(OrderId orderId) {
        OrderRecord record = orders.get(orderId);
        if (record == null) {
            return CommandResult.refused("UNKNOWN_ORDER", "no order " + orderId, null);
        }
        CommandResult result = record.partition.call(() -> cancelAsWriter(record));
        return result.accepted() ? CommandResult.accepted(record.snapshot(), describeCancel(record.snapshot()))
                : result;
    }

    // ---------------------------------------------------------------- queries

    public Optional<Order> order(OrderId orderId) {
        OrderRecord record = orders.get(orderId);
        return record == null ? Optional.empty() : Optional.of(record.snapshot());
    }

    public Optional<Order> order(ClientOrderId clientOrderId) {
        OrderId id = byClientId.get(clientOrderId);
        return id == null ? Optional.empty() : order(id);
    }

    /** All orders, oldest first. */
    public List<Order> orders() {
        List<Order> all = new ArrayList<>(orders.size());
        for (OrderRecord record : orders.values()) {
            all.add(record.snapshot());
        }
        all.sort(Comparator.comparing(Order::id));
        return all;
    }

    public List<Fill> fills(OrderId orderId) {
        OrderRecord record = orders.get(orderId);
        return record == null ? List.of() : record.fills();
    }

    /** The registered venues with the number of open orders at each. */
    public List<VenueInfo> venues() {
        List<VenueInfo> infos = new ArrayList<>();
        for (Venue venue : venues.all()) {
            int open = 0;
            for (OrderRecord record : orders.values()) {
                if (record.venue == venue && record.snapshot().status().isOpen()) {
                    open++;
                }
            }
            infos.add(new VenueInfo(venue.id(), venue.description(), open));
        }
        return infos;
    }

    /** Venue reports that would have made an illegal transition and were refused. */
    public long illegalTransitions() {
        return illegalTransitions.get();
    }

    /** Venue reports seen twice (same execution id) and ignored. */
    public long duplicateReports() {
        return duplicateReports.get();
    }

    /** Fills that arrived after the order was canceled or expired, booked without changing the status. */
    public long lateFills() {
        return lateFills.get();
    }

    /** Reports refused as inconsistent (wrong venue, overfill). */
    public long refusedReports() {
        return refusedReports.get();
    }

    /** Waits until every report queued so far for any partition has been applied. */
    public void sync() {
        for (PartitionAgent partition : partitions) {
            partition.call(() -> null);
        }
    }

    // ---------------------------------------------------------------- venues

    /** A venue service appeared. */
    public void venueAdded(VenueId id, Venue venue) {
        if (venues.add(id, venue)) {
            LOG.info("venue {} registered: {}", id, venue.description());
        } else {
            LOG.warn("venue {} registered twice; the first registration keeps serving it", id);
        }
    }

    /**
     * A venue service went away. Its open orders are not lost: they stay listed, and a cancel of one completes
     * locally since nobody can answer it any more.
     */
    public void venueRemoved(VenueId id, Venue venue) {
        if (!venues.remove(id, venue)) {
            return;
        }
        List<OrderId> open = new ArrayList<>();
        for (OrderRecord record : orders.values()) {
            if (record.venue == venue && record.snapshot().status().isOpen()) {
                open.add(record.id);
            }
        }
        open.sort(Comparator.naturalOrder());
        if (open.isEmpty()) {
            LOG.info("venue {} removed; it had no open orders", id);
        } else {
            LOG.warn("venue {} removed with {} open order(s) {}; they stay listed and can be canceled (locally)",
                    id, open.size(), open);
        }
    }

    @Override
    public void close() {
        for (PartitionAgent partition : partitions) {
            partition.close();
        }
    }

    // ---------------------------------------------------------------- writer side

    private OrderRecord existing(ClientOrderId clientOrderId) {
        OrderId id = byClientId.get(clientOrderId);
        return id == null ? null : orders.get(id);
    }

    private PartitionAgent partitionOf(PortfolioId portfolio) {
        return partitions[Math.floorMod(portfolio.hashCode(), partitions.length)];
    }

    private OrderRecord submitAsWriter(OrderRequest request, PartitionAgent partition) {
        OrderRecord existing = existing(request.clientOrderId());
        if (existing != null) {
            return existing;
        }
        Instant now = clock.instant();
        OrderId id = OrderId.of(nextId.getAndIncrement());
        OrderRecord[] self = new OrderRecord[1];
        OrderRecord record = new OrderRecord(id, request, partition, now,
                report -> partition.post(() -> onReport(self[0], report)));
        self[0] = record;
        orders.put(id, record);
        OrderId raced = byClientId.putIfAbsent(request.clientOrderId(), id);
        if (raced != null) {
            // The same client order id was just submitted for a portfolio of another partition.
            orders.remove(id);
            return orders.get(raced);
        }
        listeners.onOrder(record.snapshot());

        RiskDecision valid = validator.validate(request, now);
        if (!valid.approved()) {
            transition(record, DENIED, valid.describe(), now);
            return record;
        }
        RiskDecision decision = checkRisk(request);
        if (!decision.approved()) {
            transition(record, DENIED, decision.describe(), now);
            return record;
        }
        OrderRouter.Routing routing = router.route(request, venues.all());
        if (!routing.routed()) {
            transition(record, DENIED, "router: " + routing.reason() + " [" + routing.code() + "]", now);
            return record;
        }
        send(record, routing.venue(), now);
        return record;
    }

    private RiskDecision checkRisk(OrderRequest request) {
        try {
            return Objects.requireNonNull(risk.check(request), "the risk service returned no decision");
        } catch (RuntimeException e) {
            // Fail closed: an order the risk engine could not check does not trade.
            LOG.error("risk check failed for {}", request.clientOrderId(), e);
            return RiskDecision.reject("risk-engine", "RISK_ERROR", "the risk check failed: " + e);
        }
    }

    private void send(OrderRecord record, Venue venue, Instant now) {
        record.venue = venue;
        if (!transition(record, SUBMITTED, null, now, record.request().withVenue(venue.id()))) {
            return;
        }
        try {
            venue.submit(record.snapshot(), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to take order {}", venue.id(), record.id, e);
            transition(record, REJECTED, "venue " + venue.id() + " failed: " + e.getMessage(), clock.instant());
        }
    }

    private CommandResult cancelAsWriter(OrderRecord record) {
        OrderStatus status = record.status();
        Instant now = clock.instant();
        if (status.isTerminal()) {
            return CommandResult.refused("ORDER_TERMINAL",
                    "order " + record.id + " is " + status + "; there is nothing to cancel", record.snapshot());
        }
        if (status == PENDING_CANCEL) {
            return CommandResult.refused("CANCEL_PENDING",
                    "order " + record.id + " already has a cancel pending", record.snapshot());
        }
        if (status == PENDING_UPDATE) {
            return CommandResult.refused("AMEND_PENDING",
                    "order " + record.id + " has an amend pending; cancel after its answer", record.snapshot());
        }
        if (status == INITIALIZED) {
            transition(record, CANCELED, "canceled before it was sent", now);
            return CommandResult.accepted(record.snapshot(), "canceled");
        }
        Venue venue = record.venue;
        VenueId venueId = record.request().venueId();
        if (!venues.isRegistered(venue)) {
            transition(record, CANCELED, "venue " + venueId + " removed; canceled locally", now);
            return CommandResult.accepted(record.snapshot(), "canceled");
        }
        record.resumeStatus = status;
        transition(record, PENDING_CANCEL, null, now);
        try {
            venue.cancel(record.snapshot(), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to cancel order {}", venueId, record.id, e);
            record.change(record.resumeStatus, null, clock.instant());
            listeners.onOrder(record.snapshot());
            return CommandResult.refused("VENUE_ERROR", "venue " + venueId + " failed to cancel: " + e.getMessage(),
                    record.snapshot());
        }
        return CommandResult.accepted(record.snapshot(), "cancel sent");
    }

    private static String describeCancel(Order order) {
        return switch (order.status()) {
            case CANCELED -> "order " + order.id() + " canceled";
            case PENDING_CANCEL -> "cancel of order " + order.id() + " sent to " + order.venueId()
                    + "; waiting for its answer";
            default -> "cancel of order " + order.id() + " overtaken: order is " + order.status();
        };
    }

    private void onReport(OrderRecord record, ExecutionReport report) {
        if (!report.venueId().equals(record.request().venueId())) {
            refusedReports.incrementAndGet();
            LOG.warn("order {}: report from {} ignored, the order is at {}", record.id, report.venueId(),
                    record.request().venueId());
            return;
        }
        switch (report.type()) {
            case ACCEPTED -> onAccepted(record, report);
            case REJECTED -> onRejected(record, report);
            case TRIGGERED -> transition(record, TRIGGERED, null, report.timestamp());
            case FILL -> onFill(record, report);
            case CANCELED -> transition(record, CANCELED,
                    report.reason() != null ? report.reason()
                            : record.status() == PENDING_CANCEL ? "canceled on request" : "canceled by the venue",
                    report.timestamp());
            case EXPIRED -> transition(record, EXPIRED, report.reason() != null ? report.reason() : "expired",
                    report.timestamp());
            case REPLACED -> onReplaced(record, report);
            default -> refuse(record, report, "unknown report type");
        }
    }

    private void onAccepted(OrderRecord record, ExecutionReport report) {
        OrderStatus status = record.status();
        if ((status == PENDING_CANCEL || status == PENDING_UPDATE) && record.resumeStatus == SUBMITTED) {
            // The acknowledgement crossed our request: the order is working; the request is still pending.
            record.resumeStatus = ACCEPTED;
            return;
        }
        if (status == ACCEPTED) {
            duplicateReports.incrementAndGet();
            return;
        }
        transition(record, ACCEPTED, null, report.timestamp());
    }

    private void onRejected(OrderRecord record, ExecutionReport report) {
        OrderStatus status = record.status();
        String why = report.reason() != null ? report.reason() : "no reason given";
        if ((status == PENDING_CANCEL || status == PENDING_UPDATE) && record.resumeStatus != SUBMITTED) {
            // The venue refused our cancel or amend: the order keeps working as before.
            String what = status == PENDING_CANCEL ? "cancel" : "amend";
            record.pendingAmend = null;
            transition(record, record.resumeStatus, what + " refused by " + report.venueId() + ": " + why,
                    report.timestamp());
            return;
        }
        transition(record, REJECTED, why, report.timestamp());
    }

    private void onReplaced(OrderRecord record, ExecutionReport report) {
        if (record.status() != PENDING_UPDATE || record.pendingAmend == null) {
            refuse(record, report, "REPLACED without a pending amend");
            return;
        }
        OrderRequest amended = record.pendingAmend;
        record.pendingAmend = null;
        transition(record, record.resumeStatus, null, report.timestamp(), amended);
    }

    private void onFill(OrderRecord record, ExecutionReport report) {
        if (!record.markExecution(report.executionId())) {
            duplicateReports.incrementAndGet();
            return;
        }
        OrderStatus status = record.status();
        Quantity filled = record.filled().plus(report.lastQuantity());
        if (filled.compareTo(record.request().quantity()) > 0) {
            refuse(record, report, "overfill: " + filled + " > order quantity " + record.request().quantity());
            return;
        }
        OrderStatus next;
        String reason = null;
        if (status == CANCELED || status == EXPIRED) {
            // A fill that crossed the cancel (or the venue's removal): it traded, so it is booked; the order
            // stays in its terminal state.
            lateFills.incrementAndGet();
            LOG.warn("order {}: late fill {} @ {} after {}", record.id, report.lastQuantity(), report.lastPrice(),
                    status);
            next = status;
            reason = record.snapshot().reason() + "; late fill " + report.lastQuantity() + " @ " + report.lastPrice();
        } else if (filled.equals(record.request().quantity())) {
            next = FILLED;
        } else if (status == PENDING_CANCEL || status == PENDING_UPDATE) {
            next = status;
            record.resumeStatus = PARTIALLY_FILLED;
        } else {
            next = PARTIALLY_FILLED;
        }
        if (!status.isTerminal() && !OrderStateMachine.allows(status, next)) {
            illegal(record, next);
            return;
        }
        if (status.isTerminal() && next != status) {
            illegal(record, next);
            return;
        }
        Order order = record.snapshot();
        Fill fill = new Fill(report.executionId(), record.id, order.portfolioId(), order.instrumentId(),
                report.venueId(), order.side(), report.lastQuantity(), report.lastPrice(), report.commission(),
                report.timestamp());
        record.addFill(fill, next, reason != null ? reason : order.reason());
        listeners.onFill(fill);
        listeners.onOrder(record.snapshot());
    }

    private boolean transition(OrderRecord record, OrderStatus to, String reason, Instant at) {
        return transition(record, to, reason, at, null);
    }

    /** Moves the order to {@code to} if the state machine allows it; otherwise refuses and changes nothing. */
    private boolean transition(OrderRecord record, OrderStatus to, String reason, Instant at, OrderRequest request) {
        if (!OrderStateMachine.allows(record.status(), to)) {
            illegal(record, to);
            return false;
        }
        if (request != null) {
            record.changeRequest(request, to, reason, at);
        } else {
            record.change(to, reason, at);
        }
        listeners.onOrder(record.snapshot());
        return true;
    }

    private void illegal(OrderRecord record, OrderStatus to) {
        illegalTransitions.incrementAndGet();
        LOG.warn("order {}: illegal transition {} -> {} refused", record.id, record.status(), to);
    }

    private void refuse(OrderRecord record, ExecutionReport report, String why) {
        refusedReports.incrementAndGet();
        LOG.error("order {}: report {} {} refused: {}", record.id, report.type(), report.executionId(), why);
    }
}
