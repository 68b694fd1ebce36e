package org.nautilus.oms.internal.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.store.TradingStore;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.oms.internal.routing.DecisionLog;
import org.nautilus.oms.internal.routing.OrderRouter;
import org.nautilus.oms.internal.routing.SmartOrderRouter;
import org.nautilus.oms.internal.routing.VenueDirectory;
import org.nautilus.oms.internal.routing.VenueStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order management system and execution engine, plain Java: accepts orders and contingent lists, validates
 * them against their instrument, asks pre-trade risk, routes them (one venue or split across several), sends
 * them and applies the venues' execution reports through the {@link OrderStateMachine}. Every change is an
 * {@link OrderEvent} given to the listeners, with the order's new snapshot and, for executions, the fill.
 *
 * <h2>Threading contract</h2>
 * Orders are partitioned by portfolio; each partition has one writer ({@link PartitionAgent}), so the commands
 * and reports of one portfolio are applied one at a time, in order, and listeners hear about one portfolio's
 * orders in that order. {@link #submit}, {@link #cancel} and {@link #amend} return after the command was applied,
 * handed to the venue(s) and the venues' synchronous answers were applied: a venue that fills at once yields a
 * FILLED order from {@code submit}; a venue that answers later yields a SUBMITTED order whose later states
 * arrive through the listeners. Queries read published immutable snapshots and never wait for a writer.
 *
 * <h2>Durability</h2>
 * With a {@link TradingStore}, every change of an order (its new state and its event) is recorded in the unit of
 * work of the partition step that made it, together with what the listeners wrote on that thread (the position
 * keeper's positions); a command returns only once its unit is durable (see {@link PartitionAgent}). A failed
 * commit halts the OMS (commands then fail with the retryable
 * {@link org.nautilus.api.oms.OrderServiceUnavailableException}). {@link #recover()} rebuilds the OMS from the store
 * at start; orders that were open at a venue are reconciled with it when it registers
 * ({@link Venue#reconcile}). Without a store everything stays in memory.
 *
 * <h2>Memory</h2>
 * The most recent {@code retainedOrders} finished orders stay in memory, queryable and idempotent by client order
 * id; only the newest {@code retainedHistory} of them keep their whole history (events, fills, execution ids), the
 * others are kept compact, as the fields of their final {@link Order} snapshot packed into per-partition arrays
 * ({@link CompactOrders}: no object per order but its client order id, instead of ~1.6 KB of history objects), so
 * that at high rates the collector does not copy and promote every finished order. The events and fills of a
 * compact order are read from the store (without a store they are gone; {@link #events} and {@link #fills} then
 * answer empty). Older orders are dropped from memory: with a store they stay queryable and idempotent by client
 * order id from it, without a store they are forgotten.
 *
 * <h2>Parts</h2>
 * This class is the facade: wiring, the commands handed to the partition writers, and the venue lifecycle. The
 * work is done by classes with one job each: {@link NewOrders} (validation, risk, routing, sending),
 * {@link CancelAndAmend}, {@link ExecutionReports}, {@link SplitOrders} (a split parent follows its parts),
 * {@link Contingencies} (OCO, OTO, brackets), {@link Transitions} (every change becomes an event),
 * {@link Retention} (what stays in memory of finished orders), {@link OrderQueries} and {@link OrderRecovery}.
 * It is the {@link OrderService} itself (the OSGi component publishes it; tests and gateways use it directly).
 */
public final class OrderManager implements OrderService, AutoCloseable {

    /** The venue shown for an order the router split across venues; the routing decision has the parts. */
    public static final VenueId SPLIT = VenueId.of("SOR");

    private static final Logger LOG = LoggerFactory.getLogger(OrderManager.class);

    private final VenueDirectory venues;
    private final VenueReconciler reconciler;
    private final VenueStatistics statistics;
    private final DecisionLog decisions;
    private final StoreGateway store;
    private final OrderEventSubscribers subscribers;
    private final LiveOrders live;
    private final Retention retention;
    private final Anomalies anomalies = new Anomalies();
    private final OrderQueries queries;
    private final NewOrders newOrders;
    private final CancelAndAmend cancels;
    private final OrderRecovery recovery;

    private OrderManager(Builder b) {
        if (b.partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + b.partitions);
        }
        OrderValidator validator = new OrderValidator(Objects.requireNonNull(b.instruments, "instruments"));
        RiskService risk = Objects.requireNonNull(b.risk, "risk");
        this.venues = b.venues;
        this.statistics = b.statistics;
        this.decisions = b.decisions;
        decisions.stripes(b.partitions);
        OrderRouter router = b.router != null ? b.router
                : new SmartOrderRouter(b.instruments, b.statistics, SmartOrderRouter.Settings.defaults());
        this.store = new StoreGateway(b.store, b.firstOrderId);
        PartitionAgent[] partitions = new PartitionAgent[b.partitions];
        this.live = new LiveOrders(partitions);
        this.subscribers = new OrderEventSubscribers(new OrderEventSubscribers.History() {
            @Override
            public List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence) {
                return store.durable() ? store.store().eventsAfter(portfolio, sequence) : List.of();
            }

            @Override
            public long lastSequence(PortfolioId portfolio) {
                return live.partitionOf(portfolio).outbox.lastSequence(portfolio);
            }
        });
        for (int i = 0; i < b.partitions; i++) {
            partitions[i] = new PartitionAgent("nautilus-oms-p" + i, i, store, new Outbox(subscribers));
        }
        this.retention = new Retention(live, store, b.partitions, b.retainedOrders, b.retainedHistory);
        this.queries = new OrderQueries(live, retention, store, venues);

        // The writer path; a split parent and the contingencies react to events and change orders in turn.
        VenuePositions venuePositions = new VenuePositions();
        Transitions transitions = new Transitions(store, b.listeners, retention, anomalies);
        ExecutionReports reports = new ExecutionReports(transitions, statistics, venuePositions, anomalies);
        SplitOrders splitOrders = new SplitOrders(transitions, reports, anomalies);
        this.newOrders = new NewOrders(b.clock, validator, risk, venues, statistics, decisions, router, store, live,
                queries, transitions, reports);
        this.cancels = new CancelAndAmend(b.clock, validator, venues, transitions, splitOrders, newOrders);
        transitions.reactWith(splitOrders, new Contingencies(b.clock, store, transitions, cancels, newOrders));

        this.recovery = new OrderRecovery(b.clock, store, live, retention, venuePositions, venues, reports);
        this.reconciler = new VenueReconciler(this, b.venues, venuePositions, b.reconcileExecutor, b.clock);
    }

    public static Builder builder(Function<InstrumentId, Optional<Instrument>> instruments, RiskService risk) {
        return new Builder(instruments, risk);
    }

    /** Wiring of an {@link OrderManager}; everything but instruments and risk has a default. */
    public static final class Builder {
        private final Function<InstrumentId, Optional<Instrument>> instruments;
        private final RiskService risk;
        private Clock clock = Clock.systemUTC();
        private VenueDirectory venues = new VenueDirectory();
        private OrderListeners listeners = new OrderListeners();
        private VenueStatistics statistics = new VenueStatistics();
        private DecisionLog decisions = new DecisionLog(1000);
        private OrderRouter router;
        private int partitions = 4;
        private long firstOrderId = 1;
        private int retainedOrders = 100_000;
        private int retainedHistory = 1_000;
        private TradingStore store;
        private Executor reconcileExecutor = Runnable::run;

        private Builder(Function<InstrumentId, Optional<Instrument>> instruments, RiskService risk) {
            this.instruments = instruments;
            this.risk = risk;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder venues(VenueDirectory value) {
            venues = value;
            return this;
        }

        public Builder listeners(OrderListeners value) {
            listeners = value;
            return this;
        }

        public Builder statistics(VenueStatistics value) {
            statistics = value;
            return this;
        }

        public Builder decisions(DecisionLog value) {
            decisions = value;
            return this;
        }

        /** The router; default: a {@link SmartOrderRouter} with default settings. */
        public Builder router(OrderRouter value) {
            router = value;
            return this;
        }

        /**
         * Where reconciliations with venues run (they query the venue, which may block on the network, and wait for the
         * partition writers); default: on the thread that registers the venue, or for a reconnect on the reconciler's
         * own thread (never the venue's). It must not run a task on a partition writer's thread.
         */
        public Builder reconcileExecutor(Executor value) {
            reconcileExecutor = Objects.requireNonNull(value, "reconcileExecutor");
            return this;
        }

        public Builder partitions(int value) {
            partitions = value;
            return this;
        }

        /** The durable store; default: none (everything in memory, nothing survives a restart). */
        public Builder store(TradingStore value) {
            store = value;
            return this;
        }

        /** The first order id without a store (with a store, ids come from blocks it reserves). */
        public Builder firstOrderId(long value) {
            firstOrderId = value;
            return this;
        }

        public Builder retainedOrders(int value) {
            retainedOrders = value;
            return this;
        }

        /** Of the retained finished orders, how many keep their whole history in memory (default 1,000). */
        public Builder retainedHistory(int value) {
            retainedHistory = value;
            return this;
        }

        public OrderManager build() {
            return new OrderManager(this);
        }
    }

    public void setRouter(OrderRouter router) {
        newOrders.router(router);
    }

    /**
     * How many finished orders stay in memory (at least one per partition), and how many of those keep their
     * whole history (the others are kept compact).
     */
    public void retainedOrders(int retained, int history) {
        retention.retainedOrders(retained, history);
    }

    /** How many finished orders stay in memory (at least one per partition). */
    public void retainedOrders(int retained) {
        retention.retainedOrders(retained);
    }

    public VenueStatistics statistics() {
        return statistics;
    }

    /** Reconciliation with the venues: reports, tolerance, acknowledgement. */
    public VenueReconciler reconciler() {
        return reconciler;
    }

    // ================================================================ commands

    /**
     * Submits a new order. A repeated client order id returns the existing order and creates nothing.
     *
     * @return the order after validation, risk, routing and the venues' synchronous answers
     */
    public Order submit(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        store.checkAvailable();
        PartitionAgent partition = live.partitionOf(request.portfolioId());
        // A repeated client order id is answered by the writer too: the order it returns is then durable.
        OrderRecord record = partition.call(() -> newOrders.submit(request, partition));
        return record != null ? record.snapshot()
                : order(request.clientOrderId()).orElseThrow(
                        () -> new IllegalStateException("client order id " + request.clientOrderId() + " vanished"));
    }

    /**
     * Submits a new order like {@link #submit(OrderRequest)}, but returns at once: the future completes with the
     * order once its step is durable, on the store's committer thread (callers must not block in it), or fails with
     * {@link org.nautilus.api.oms.OrderServiceUnavailableException}. A gateway with many orders in flight then
     * needs no thread per order.
     */
    public CompletableFuture<Order> submitAsync(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            store.checkAvailable();
            PartitionAgent partition = live.partitionOf(request.portfolioId());
            return partition.callAsync(() -> newOrders.submit(request, partition),
                    record -> record != null ? record.snapshot()
                            : order(request.clientOrderId()).orElseThrow(
                                    () -> new IllegalStateException("client order id " + request.clientOrderId()
                                            + " vanished")));
        } catch (RuntimeException e) {
            // One way to learn of a failure: the future (a halted OMS, a store failing at hand-over).
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Submits a contingent list; see {@link org.nautilus.api.oms.OrderService#submit(OrderList)}. */
    public List<Order> submit(OrderList list) {
        Objects.requireNonNull(list, "list");
        store.checkAvailable();
        PartitionAgent partition = live.partitionOf(list.orders().get(0).portfolioId());
        List<OrderRecord> records = partition.call(() -> queries.existingOrders(list).isEmpty()
                ? newOrders.submit(list, partition)
                : null);
        if (records == null) {
            return queries.existingOrders(list);
        }
        List<Order> result = new ArrayList<>(records.size());
        records.forEach(r -> result.add(r.snapshot()));
        return result;
    }

    /** Asks the order's venue(s) to cancel it. */
    public CommandResult cancel(OrderId orderId) {
        store.checkAvailable();
        OrderRecord record = live.visible(orderId);
        if (record == null) {
            return queries.unknownOrFinished(orderId, "there is nothing to cancel");
        }
        CommandResult result = record.partition.call(() -> {
            // A client's cancel passes the risk engine's cancel checks (the cancel throttle) first.
            RiskDecision allowed = record.status().isOpen() ? newOrders.checkCancel(record.snapshot())
                    : RiskDecision.approve();
            return allowed.approved() ? cancels.cancel(record, null)
                    : NewOrders.riskRefused(allowed, record.snapshot());
        });
        return result.accepted()
                ? CommandResult.accepted(record.snapshot(), CancelAndAmend.describeCancel(record.snapshot()))
                : result;
    }

    /**
     * Expires an open order (a DAY order at the session close, a GTD order at its time; see
     * {@link org.nautilus.oms.internal.expiry.OrderExpiry}): a cancel at its venue, which ends the order EXPIRED.
     */
    public CommandResult expire(OrderId orderId, String why) {
        store.checkAvailable();
        OrderRecord record = live.visible(orderId);
        if (record == null) {
            return queries.unknownOrFinished(orderId, "there is nothing to expire");
        }
        return record.partition.call(() -> {
            if (record.expiry != null && record.status() == OrderStatus.PENDING_CANCEL) {
                // Its expiry's cancel is out (before a restart, perhaps: the mark is stored): not a second one.
                return CommandResult.accepted(record.snapshot(), "expiry already sent: " + record.expiry);
            }
            List<OrderRecord> expiring = new ArrayList<>(record.splitParts != null ? record.splitParts : List.of());
            expiring.add(record);
            expiring.forEach(r -> r.expiry = why);
            CommandResult result = cancels.cancel(record, why);
            if (!result.accepted()) { // refused (an amend or a cancel pending): a later cancel is not an expiry
                expiring.forEach(r -> r.expiry = null);
            }
            return result;
        });
    }

    /** Cancel-replace; see {@link org.nautilus.api.oms.OrderService#amend}. */
    public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
        store.checkAvailable();
        OrderRecord record = live.visible(orderId);
        if (record == null) {
            return queries.unknownOrFinished(orderId, "it cannot be amended");
        }
        CommandResult result = record.partition.call(() -> cancels.amend(record, quantity, price));
        return result.accepted()
                ? CommandResult.accepted(record.snapshot(), CancelAndAmend.describeAmend(record.snapshot()))
                : result;
    }

    // ================================================================ queries (see OrderQueries)

    public Optional<Order> order(OrderId orderId) {
        return queries.order(orderId);
    }

    public Optional<Order> order(ClientOrderId clientOrderId) {
        return queries.order(clientOrderId);
    }

    /** All orders kept in memory, oldest first (the parts of split orders are not orders of their own). */
    public List<Order> orders() {
        return queries.orders();
    }

    public List<Fill> fills(OrderId orderId) {
        return queries.fills(orderId);
    }

    public List<OrderEvent> events(OrderId orderId) {
        return queries.events(orderId);
    }

    /** {@code true} once a commit failed: commands are refused until the OMS is restarted. */
    public boolean halted() {
        return store.failed();
    }

    /** Why the OMS is halted, {@code null} if it is not. */
    public String haltReason() {
        return store.failure();
    }

    /** The registered venues with the number of open orders (or parts of split orders) at each. */
    public List<VenueInfo> venues() {
        return queries.venues();
    }

    public List<RoutingDecision> decisions(int limit) {
        return decisions.recent(limit);
    }

    public Optional<RoutingDecision> decision(OrderId orderId) {
        return decisions.of(orderId);
    }

    /** Reports or commands that would have made an illegal transition and were refused. */
    public long illegalTransitions() {
        return anomalies.illegalTransitions.get();
    }

    /** Venue reports seen twice (same execution id) and ignored. */
    public long duplicateReports() {
        return anomalies.duplicateReports.get();
    }

    /** Fills that arrived after the order was canceled or expired, booked without changing the status. */
    public long lateFills() {
        return anomalies.lateFills.get();
    }

    /** Reports refused as inconsistent (wrong venue, overfill, a REPLACED nobody asked for). */
    public long refusedReports() {
        return anomalies.refusedReports.get();
    }

    /** Waits until every report queued so far for any partition has been applied, and is durable. */
    public void sync() {
        for (PartitionAgent partition : live.partitions()) {
            partition.call(() -> null);
        }
    }

    /**
     * Applies every report queued so far for any partition, without waiting for durability: what a reader of the
     * OMS's state needs (a reconciliation), at no fsync's cost.
     */
    void applyQueued() {
        for (PartitionAgent partition : live.partitions()) {
            partition.applyQueuedNow();
        }
    }

    // ================================================================ venues

    /** A venue service appeared. */
    public void venueAdded(VenueId id, Venue venue) {
        if (venues.add(id, venue)) {
            LOG.info("venue {} registered: {}", id, venue.description());
            reconciler.attach(id, venue);
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
        reconciler.detach(id, venue);
        List<OrderId> open = new ArrayList<>();
        for (OrderRecord record : live.orders.values()) {
            if (record.venue == venue && record.snapshot().status().isOpen()) {
                open.add(record.internal() ? record.splitParent.id : record.id);
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
        reconciler.close();
        for (PartitionAgent partition : live.partitions()) {
            partition.close();
        }
        subscribers.close();
    }

    // ================================================================ subscribers

    /**
     * Hands {@code subscriber} every client-visible event once it is durable, in order per portfolio, through a
     * queue of {@code queueSize} events and a thread of its own; if it asks to resume, the events it missed come
     * first, from the store (without a store there is nothing to resume from). See {@link OrderEventSubscriber}.
     */
    public void subscribe(OrderEventSubscriber subscriber, String name, int queueSize) {
        subscribers.add(subscriber, name, queueSize);
    }

    public void unsubscribe(OrderEventSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** The sequence of the portfolio's last client-visible event (0: none yet). */
    public long lastSequence(PortfolioId portfolio) {
        return live.partitionOf(portfolio).outbox.lastSequence(portfolio);
    }

    // ================================================================ recovery (see OrderRecovery)

    /**
     * What {@link #recover()} rebuilt.
     *
     * @param stored   orders in the store (split parts included)
     * @param kept     orders rebuilt in memory (open ones, those that depend on them, the most recent finished)
     * @param open     of those, orders open at a venue, reconciled with it when it registers
     * @param firstNewOrderId the id the next new order gets
     */
    public record Recovery(long stored, int kept, int open, long firstNewOrderId) {
    }

    /**
     * Rebuilds the OMS from its store; call once, after {@link Builder#build()} and before the first command.
     * Every stored order comes back with its state, fills, events and links; orders open at a venue wait for it to
     * register and are then reconciled with it ({@link Venue#reconcile}); finished orders beyond the retention
     * stay in the store, from where queries and idempotency still find them. New order ids continue after every
     * id ever reserved.
     */
    public Recovery recover() {
        return recovery.recover(reconciler);
    }

    /**
     * For a venue that cannot list its open orders: asks it about each recovered order that was open there
     * ({@link Venue#reconcile}).
     */
    void reconcileEachRecovered(VenueId id, Venue venue) {
        recovery.reconcileEachRecovered(id, venue);
    }

    /** Orders open at a venue (split parts included, split parents not), oldest first. */
    List<Order> openAt(VenueId id) {
        return recovery.openAt(id);
    }

    /** What {@link #applyReconciled} did to one order. */
    record Reconciled(int fillsBooked, boolean closed) {
    }

    /**
     * Applies what a venue reported for one of our open orders, on the order's writer: its executions (a fill seen
     * before is skipped by execution id), then, if the venue no longer has the order open and it is still open
     * here, its end (CANCELED with {@code closeReason}). The order is from now on served by {@code venue}.
     */
    Reconciled applyReconciled(Venue venue, VenueId id, OrderId orderId, List<ExecutionReport> fills,
            boolean openAtVenue, String closeReason) {
        return recovery.applyReconciled(venue, id, orderId, fills, openAtVenue, closeReason);
    }
}
