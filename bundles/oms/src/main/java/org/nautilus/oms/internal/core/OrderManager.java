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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.HashMap;
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
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.ContingencyType;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.api.store.TradingStore;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.RouteAllocation;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueInfo;
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
 * that at high rates the collector does not copy and promote every finished order. The events and fills of a compact order are read from
 * the store (without a store they are gone; {@link #events} and {@link #fills} then answer empty). Older orders
 * are dropped from memory: with a store they stay queryable and idempotent by client order id from it, without a
 * store they are forgotten.
 */
public final class OrderManager implements AutoCloseable {

    /** The venue shown for an order the router split across venues; the routing decision has the parts. */
    public static final VenueId SPLIT = VenueId.of("SOR");

    private static final Logger LOG = LoggerFactory.getLogger(OrderManager.class);

    private final Clock clock;
    private final OrderValidator validator;
    private final RiskService risk;
    private final VenueDirectory venues;
    /** Net filled quantity per venue and instrument, over every stored order: what the venue should hold. */
    private final VenuePositions venuePositions = new VenuePositions();
    private final VenueReconciler reconciler;
    private final OrderListeners listeners;
    private final VenueStatistics statistics;
    private final DecisionLog decisions;
    private volatile OrderRouter router;
    private final PartitionAgent[] partitions;
    /** Per partition: finished orders that still have their whole history, oldest first. */
    private final List<Deque<OrderRecord>> finished;
    /** Per partition: finished orders kept compact (their final snapshot, packed). */
    private final CompactOrders[] compacted;
    private volatile int retainedPerPartition;
    private volatile int historyPerPartition;
    private volatile int retainedHistory;
    private final Journal journal;
    private final OrderEventSubscribers subscribers;
    /** Orders exist in the store that are not in memory (recovered beyond retention, or forgotten since). */
    private volatile boolean storeMayKnowMore;
    /** Open orders, split parts and the most recent finished orders with their history. */
    private final Map<OrderId, OrderRecord> orders = new ConcurrentHashMap<>();
    /** The client order ids of the orders in {@link #orders} (compact ones are indexed by their partition). */
    private final Map<ClientOrderId, OrderId> byClientId = new ConcurrentHashMap<>();

    private final AtomicLong illegalTransitions = new AtomicLong();
    private final AtomicLong duplicateReports = new AtomicLong();
    private final AtomicLong lateFills = new AtomicLong();
    private final AtomicLong refusedReports = new AtomicLong();

    private OrderManager(Builder b) {
        if (b.partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + b.partitions);
        }
        this.clock = b.clock;
        this.validator = new OrderValidator(Objects.requireNonNull(b.instruments, "instruments"));
        this.risk = Objects.requireNonNull(b.risk, "risk");
        this.venues = b.venues;
        this.reconciler = new VenueReconciler(this, b.venues, venuePositions, b.reconcileExecutor, b.clock);
        this.listeners = b.listeners;
        this.statistics = b.statistics;
        this.decisions = b.decisions;
        decisions.stripes(b.partitions);
        this.router = b.router != null ? b.router
                : new SmartOrderRouter(b.instruments, b.statistics, SmartOrderRouter.Settings.defaults());
        this.journal = new Journal(b.store, b.firstOrderId);
        this.subscribers = new OrderEventSubscribers(new OrderEventSubscribers.History() {
            @Override
            public List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence) {
                return journal.durable() ? journal.store().eventsAfter(portfolio, sequence) : List.of();
            }

            @Override
            public long lastSequence(PortfolioId portfolio) {
                return partitionOf(portfolio).outbox.lastSequence(portfolio);
            }
        });
        this.partitions = new PartitionAgent[b.partitions];
        this.finished = new ArrayList<>(b.partitions);
        this.compacted = new CompactOrders[b.partitions];
        for (int i = 0; i < b.partitions; i++) {
            partitions[i] = new PartitionAgent("nautilus-oms-p" + i, i, journal, new Outbox(subscribers));
            finished.add(new ArrayDeque<>());
        }
        this.retainedHistory = b.retainedHistory;
        retainedOrders(b.retainedOrders);
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
        private java.util.concurrent.Executor reconcileExecutor = Runnable::run;

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
         * Where reconciliations with venues run (they query the venue, which may block on the network); default: on
         * the thread that registers the venue or reports its reconnect.
         */
        public Builder reconcileExecutor(java.util.concurrent.Executor value) {
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
        this.router = Objects.requireNonNull(router, "router");
    }

    /**
     * How many finished orders stay in memory (at least one per partition), and how many of those keep their
     * whole history (the others are kept compact).
     */
    public void retainedOrders(int retained, int history) {
        retainedHistory = Math.max(1, history);
        retainedOrders(retained);
    }

    /** How many finished orders stay in memory (at least one per partition). */
    public void retainedOrders(int retained) {
        int perPartition = Math.max(1, retained / partitions.length);
        historyPerPartition = Math.min(perPartition, Math.max(1, retainedHistory / partitions.length));
        retainedPerPartition = perPartition;
        if (compacted[0] == null) {
            for (int i = 0; i < compacted.length; i++) {
                compacted[i] = new CompactOrders(Math.max(1, perPartition - historyPerPartition));
            }
        }
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
        journal.checkAvailable();
        PartitionAgent partition = partitionOf(request.portfolioId());
        // A repeated client order id is answered by the writer too: the order it returns is then durable.
        OrderRecord record = partition.call(() -> submitAsWriter(request, partition));
        return record != null ? record.snapshot() : order(request.clientOrderId()).orElseThrow(
                () -> new IllegalStateException("client order id " + request.clientOrderId() + " vanished"));
    }

    /**
     * Submits a new order like {@link #submit(OrderRequest)}, but returns at once: the future completes with the
     * order once its step is durable, on the store's committer thread (callers must not block in it), or fails with
     * {@link org.nautilus.api.oms.OrderServiceUnavailableException}. A gateway with many orders in flight then
     * needs no thread per order.
     */
    public java.util.concurrent.CompletableFuture<Order> submitAsync(OrderRequest request) {
        Objects.requireNonNull(request, "request");
        try {
            journal.checkAvailable();
            PartitionAgent partition = partitionOf(request.portfolioId());
            return partition.callAsync(() -> submitAsWriter(request, partition),
                    record -> record != null ? record.snapshot() : order(request.clientOrderId()).orElseThrow(
                            () -> new IllegalStateException("client order id " + request.clientOrderId()
                                    + " vanished")));
        } catch (RuntimeException e) {
            // One way to learn of a failure: the future (a halted OMS, a store failing at hand-over).
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /** Submits a contingent list; see {@link org.nautilus.api.oms.OrderService#submit(OrderList)}. */
    public List<Order> submit(OrderList list) {
        Objects.requireNonNull(list, "list");
        journal.checkAvailable();
        PartitionAgent partition = partitionOf(list.orders().get(0).portfolioId());
        List<OrderRecord> records = partition.call(() -> existingOrders(list).isEmpty()
                ? submitListAsWriter(list, partition) : null);
        if (records == null) {
            return existingOrders(list);
        }
        List<Order> result = new ArrayList<>(records.size());
        records.forEach(r -> result.add(r.snapshot()));
        return result;
    }

    /** Asks the order's venue(s) to cancel it. */
    public CommandResult cancel(OrderId orderId) {
        journal.checkAvailable();
        OrderRecord record = visible(orderId);
        if (record == null) {
            return unknownOrFinished(orderId, "there is nothing to cancel");
        }
        CommandResult result = record.partition.call(() -> cancelAsWriter(record, null));
        return result.accepted() ? CommandResult.accepted(record.snapshot(), describeCancel(record.snapshot()))
                : result;
    }

    /**
     * Expires an open order (a DAY order at the session close, a GTD order at its time; see
     * {@link org.nautilus.oms.internal.expiry.OrderExpiry}): a cancel at its venue, which ends the order EXPIRED.
     */
    public CommandResult expire(OrderId orderId, String why) {
        journal.checkAvailable();
        OrderRecord record = visible(orderId);
        if (record == null) {
            return unknownOrFinished(orderId, "there is nothing to expire");
        }
        return record.partition.call(() -> {
            List<OrderRecord> expiring = new ArrayList<>(record.splitParts != null ? record.splitParts : List.of());
            expiring.add(record);
            expiring.forEach(r -> r.expiry = why);
            CommandResult result = cancelAsWriter(record, why);
            if (!result.accepted()) { // refused (an amend or a cancel pending): a later cancel is not an expiry
                expiring.forEach(r -> r.expiry = null);
            }
            return result;
        });
    }

    /** Cancel-replace; see {@link org.nautilus.api.oms.OrderService#amend}. */
    public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
        journal.checkAvailable();
        OrderRecord record = visible(orderId);
        if (record == null) {
            return unknownOrFinished(orderId, "it cannot be amended");
        }
        CommandResult result = record.partition.call(() -> amendAsWriter(record, quantity, price));
        return result.accepted() ? CommandResult.accepted(record.snapshot(), describeAmend(record.snapshot()))
                : result;
    }

    // ================================================================ queries

    public Optional<Order> order(OrderId orderId) {
        Order known = inMemory(orderId);
        if (known != null) {
            return Optional.of(known);
        }
        return orders.containsKey(orderId) ? Optional.empty() : storedOrder(orderId);
    }

    public Optional<Order> order(ClientOrderId clientOrderId) {
        OrderId id = byClientId.get(clientOrderId);
        // A record is made compact before its client order id leaves byClientId: one of the two has it.
        Order known = id == null ? null : inMemory(id);
        if (known == null) {
            known = compactOrder(clientOrderId);
        }
        return known != null ? Optional.of(known) : storedOrder(clientOrderId);
    }

    private Order compactOrder(ClientOrderId clientOrderId) {
        for (CompactOrders compact : compacted) {
            Order order = compact.find(clientOrderId);
            if (order != null) {
                return order;
            }
        }
        return null;
    }

    /** A client-visible order in memory (with its history or compact), {@code null} if not there. */
    private Order inMemory(OrderId orderId) {
        OrderRecord record = visible(orderId);
        if (record != null) {
            return record.snapshot();
        }
        // A record is made compact before it leaves the orders: if it is gone from there, it is compact by now.
        return compact(orderId);
    }

    private Order compact(OrderId orderId) {
        for (CompactOrders compact : compacted) {
            Order order = compact.get(orderId);
            if (order != null) {
                return order;
            }
        }
        return null;
    }

    private boolean isCompact(OrderId orderId) {
        for (CompactOrders compact : compacted) {
            if (compact.contains(orderId)) {
                return true;
            }
        }
        return false;
    }

    /** All orders kept in memory, oldest first (the parts of split orders are not orders of their own). */
    public List<Order> orders() {
        List<Order> all = new ArrayList<>(orders.size());
        java.util.Set<OrderId> seen = new java.util.HashSet<>();
        for (CompactOrders compact : compacted) {
            for (Order order : compact.all()) {
                all.add(order);
                seen.add(order.id());
            }
        }
        for (OrderRecord record : orders.values()) {
            if (!record.internal() && !seen.contains(record.id)) {
                all.add(record.snapshot());
            }
        }
        all.sort(Comparator.comparing(Order::id));
        return all;
    }

    public List<Fill> fills(OrderId orderId) {
        OrderRecord record = visible(orderId);
        if (record != null && !record.historyInStore) {
            return record.fills();
        }
        return record != null || isCompact(orderId)
                || (!orders.containsKey(orderId) && storedOrder(orderId).isPresent())
                ? journal.fills(orderId) : List.of();
    }

    public List<OrderEvent> events(OrderId orderId) {
        OrderRecord record = visible(orderId);
        if (record != null && !record.historyInStore) {
            return record.events();
        }
        return record != null || isCompact(orderId)
                || (!orders.containsKey(orderId) && storedOrder(orderId).isPresent())
                ? journal.events(orderId) : List.of();
    }

    /** {@code true} once a commit failed: commands are refused until the OMS is restarted. */
    public boolean halted() {
        return journal.failed();
    }

    /** Why the OMS is halted, {@code null} if it is not. */
    public String haltReason() {
        return journal.failure();
    }

    /** The registered venues with the number of open orders (or parts of split orders) at each. */
    public List<VenueInfo> venues() {
        List<VenueInfo> infos = new ArrayList<>();
        for (Venue venue : venues.all()) {
            int open = 0;
            for (OrderRecord record : orders.values()) {
                if (record.venue == venue && record.snapshot().status().isOpen()) {
                    open++;
                }
            }
            VenueDirectory.State state = venues.state(venue.id());
            infos.add(new VenueInfo(venue.id(), venue.description(), open, state.availability(), state.reason()));
        }
        return infos;
    }

    public List<RoutingDecision> decisions(int limit) {
        return decisions.recent(limit);
    }

    public Optional<RoutingDecision> decision(OrderId orderId) {
        return decisions.of(orderId);
    }

    /** Reports or commands that would have made an illegal transition and were refused. */
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

    /** Reports refused as inconsistent (wrong venue, overfill, a REPLACED nobody asked for). */
    public long refusedReports() {
        return refusedReports.get();
    }

    /** Waits until every report queued so far for any partition has been applied. */
    public void sync() {
        for (PartitionAgent partition : partitions) {
            partition.call(() -> null);
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
        for (OrderRecord record : orders.values()) {
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
        for (PartitionAgent partition : partitions) {
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
        return partitionOf(portfolio).outbox.lastSequence(portfolio);
    }

    // ================================================================ recovery

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
        if (!journal.durable()) {
            return new Recovery(0, 0, 0, -1);
        }
        if (!orders.isEmpty()) {
            throw new IllegalStateException("recover() must run before the first order");
        }
        // Three passes over the store, so that memory holds the orders kept, not every order ever stored (millions
        // after a busy day: ~0.5 KB each). First: which orders are still open (a finished order linked to one of
        // them is not settled).
        java.util.Set<OrderId> openIds = new java.util.HashSet<>();
        long[] storedCount = {0};
        // Every client-visible event of a portfolio was numbered, so its last sequence is the sum of its orders'.
        Map<PortfolioId, Long> sequences = new HashMap<>();
        journal.store().forEachOrder(o -> {
            storedCount[0]++;
            venuePositions.add(o.order());
            if (!o.order().status().isTerminal()) {
                openIds.add(o.id());
            }
            if (!o.internal()) {
                sequences.merge(o.order().portfolioId(), (long) o.version(), Long::sum);
            }
        });
        sequences.forEach((portfolio, last) -> partitionOf(portfolio).outbox.resume(portfolio, last));
        // Second: every unsettled top-level order, and the most recent finished ones per partition.
        List<StoredOrder> keep = new ArrayList<>();
        List<java.util.PriorityQueue<StoredOrder>> newest = new ArrayList<>();
        for (int i = 0; i < partitions.length; i++) {
            newest.add(new java.util.PriorityQueue<>(Comparator.comparing(StoredOrder::id)));
        }
        int perPartition = retainedPerPartition;
        journal.store().forEachOrder(o -> {
            if (o.internal()) {
                return;
            }
            if (!settled(o, openIds)) {
                keep.add(o);
                return;
            }
            java.util.PriorityQueue<StoredOrder> done = newest.get(partitionOf(o.order().portfolioId()).index);
            done.add(o);
            if (done.size() > perPartition) {
                done.poll();
            }
        });
        newest.forEach(keep::addAll);
        // Third: the internal orders (split parts) of the orders kept.
        java.util.Set<OrderId> kept = new java.util.HashSet<>();
        keep.forEach(o -> kept.add(o.id()));
        journal.store().forEachOrder(o -> {
            if (o.internal() && kept.contains(o.parent())) {
                keep.add(o);
            }
        });
        long stored = storedCount[0];
        keep.sort(Comparator.comparing(StoredOrder::id));

        Map<OrderId, OrderRecord> rebuilt = new HashMap<>();
        for (StoredOrder o : keep) {
            rebuilt.put(o.id(), rebuild(o));
        }
        for (StoredOrder o : keep) {
            relink(o, rebuilt);
        }
        int open = 0;
        for (StoredOrder o : keep) {
            OrderRecord record = rebuilt.get(o.id());
            orders.put(record.id, record);
            if (!record.internal()) {
                byClientId.put(record.request().clientOrderId(), record.id);
            }
            if (record.status().isOpen() && record.splitParts == null) {
                record.awaitingReconcile = true;
                open++;
            }
        }
        for (StoredOrder o : keep) {
            OrderRecord record = rebuilt.get(o.id());
            if (!record.internal() && record.status().isTerminal()) {
                retire(record);
            }
        }
        storeMayKnowMore = stored > keep.size();
        long next = stored == 0 ? -1 : journal.peekNextId();
        LOG.info("OMS recovered from {}: {} stored order(s), {} in memory, {} open at venues to reconcile",
                journal.store().description(), stored, keep.size(), open);
        for (VenueId id : venues.ids()) {
            venues.get(id).ifPresent(venue -> reconciler.reconcile(id, venue));
        }
        return new Recovery(stored, keep.size(), open, next);
    }

    /**
     * Settled as {@link #settled(OrderRecord)}, judged on stored orders: finished, and so are the orders it
     * triggers, shares an OCO group with or was split into ({@code open}: the ids of the unfinished ones).
     */
    private static boolean settled(StoredOrder o, java.util.Set<OrderId> open) {
        if (!o.order().status().isTerminal()) {
            return false;
        }
        for (List<OrderId> linked : List.of(o.triggers(), o.ocoGroup(), o.parts())) {
            for (OrderId id : linked) {
                if (open.contains(id)) {
                    return false;
                }
            }
        }
        return true;
    }

    private OrderRecord rebuild(StoredOrder o) {
        PartitionAgent partition = partitionOf(o.order().portfolioId());
        OrderStatus status = o.order().status();
        // Finished orders that cannot trade again keep their history in the store; the others need it here (a
        // late fill after a cancel is booked on the exact average price, executions are deduplicated by id).
        boolean history = !status.isTerminal()
                || ((status == CANCELED || status == EXPIRED) && !o.order().filledQuantity().isZero());
        OrderRecord[] self = new OrderRecord[1];
        OrderRecord record = new OrderRecord(o, partition, report -> partition.post(() -> onReport(self[0], report)),
                history ? journal.fills(o.id()) : null, history ? journal.events(o.id()) : null);
        self[0] = record;
        return record;
    }

    private static void relink(StoredOrder o, Map<OrderId, OrderRecord> rebuilt) {
        OrderRecord record = rebuilt.get(o.id());
        if (o.parent() != null) {
            OrderRecord parent = rebuilt.get(o.parent());
            if (parent == null) {
                LOG.error("order {} is a part of order {}, which is not in the store; kept on its own", o.id(),
                        o.parent());
            } else {
                record.splitParent = parent;
                List<OrderRecord> parts = parent.splitParts == null ? new ArrayList<>() : new ArrayList<>(parent.splitParts);
                parts.add(record);
                parent.splitParts = parts;
            }
        }
        if (o.triggeredBy() != null) {
            OrderRecord parent = rebuilt.get(o.triggeredBy());
            if (parent != null) {
                record.triggeredBy = parent;
                List<OrderRecord> triggers = parent.triggers == null ? new ArrayList<>() : new ArrayList<>(parent.triggers);
                triggers.add(record);
                parent.triggers = List.copyOf(triggers);
            }
        }
        if (!o.ocoGroup().isEmpty()) {
            List<OrderRecord> group = new ArrayList<>(o.ocoGroup().size());
            for (OrderId id : o.ocoGroup()) {
                OrderRecord member = rebuilt.get(id);
                if (member != null) {
                    group.add(member);
                }
            }
            record.ocoGroup = List.copyOf(group);
        }
    }

    /**
     * For a venue that cannot list its open orders: asks it about each recovered order that was open there
     * ({@link Venue#reconcile}).
     */
    void reconcileEachRecovered(VenueId id, Venue venue) {
        List<OrderRecord> waiting = new ArrayList<>();
        for (OrderRecord record : orders.values()) {
            if (record.awaitingReconcile && id.equals(record.request().venueId())) {
                waiting.add(record);
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        waiting.sort(Comparator.comparing(r -> r.id));
        LOG.info("reconciling {} recovered open order(s) with venue {}", waiting.size(), id);
        for (OrderRecord record : waiting) {
            record.partition.post(() -> {
                if (!record.awaitingReconcile) {
                    return;
                }
                record.awaitingReconcile = false;
                record.venue = venue;
                try {
                    venue.reconcile(record.snapshot(), record.executionListener);
                } catch (RuntimeException e) {
                    LOG.warn("venue {} failed to reconcile order {}; it stays {}", id, record.id, record.status(), e);
                }
            });
        }
    }

    /** Orders open at a venue (split parts included, split parents not), oldest first. */
    List<Order> openAt(VenueId id) {
        List<Order> open = new ArrayList<>();
        for (OrderRecord record : orders.values()) {
            if (record.splitParts == null && id.equals(record.request().venueId()) && record.status().isOpen()) {
                open.add(record.snapshot());
            }
        }
        open.sort(Comparator.comparing(Order::id));
        return open;
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
        OrderRecord record = orders.get(orderId);
        if (record == null) {
            return new Reconciled(0, false);
        }
        return record.partition.call(() -> {
            record.awaitingReconcile = false;
            record.venue = venue;
            int booked = 0;
            for (ExecutionReport fill : fills) {
                Quantity before = record.snapshot().filledQuantity();
                onReport(record, fill);
                if (!record.snapshot().filledQuantity().equals(before)) {
                    booked++;
                }
            }
            boolean closed = false;
            if (!openAtVenue && record.status().isOpen()) {
                onReport(record, ExecutionReport.of(orderId, id, ExecType.CANCELED, "reconcile-" + orderId,
                        closeReason, clock.instant()));
                closed = record.status().isTerminal();
            }
            return new Reconciled(booked, closed);
        });
    }

    // ================================================================ writer: new orders

    private OrderRecord existing(ClientOrderId clientOrderId) {
        OrderId id = byClientId.get(clientOrderId);
        return id == null ? null : orders.get(id);
    }

    /** An order known only to the store (finished, not kept in memory), by client order id. */
    private Optional<Order> storedOrder(ClientOrderId clientOrderId) {
        if (!storeMayKnowMore) {
            return Optional.empty();
        }
        return journal.orderId(clientOrderId).flatMap(this::storedOrder);
    }

    private Optional<Order> storedOrder(OrderId orderId) {
        if (!storeMayKnowMore) {
            return Optional.empty();
        }
        return journal.store().order(orderId).filter(o -> !o.internal()).map(StoredOrder::order);
    }

    private CommandResult unknownOrFinished(OrderId orderId, String what) {
        Order compact = compact(orderId);
        Optional<Order> stored = compact != null ? Optional.of(compact)
                : orders.containsKey(orderId) ? Optional.empty() : storedOrder(orderId);
        return stored.map(o -> CommandResult.refused("ORDER_TERMINAL", "order " + orderId + " is " + o.status()
                + "; " + what, o)).orElseGet(() -> CommandResult.refused("UNKNOWN_ORDER", "no order " + orderId, null));
    }

    private OrderRecord visible(OrderId orderId) {
        OrderRecord record = orders.get(orderId);
        return record == null || record.internal() ? null : record;
    }

    private List<Order> existingOrders(OrderList list) {
        List<Order> known = new ArrayList<>();
        for (OrderRequest request : list.orders()) {
            OrderRecord record = existing(request.clientOrderId());
            if (record != null) {
                known.add(record.snapshot());
            } else {
                order(request.clientOrderId()).ifPresent(known::add);
            }
        }
        return known;
    }

    private PartitionAgent partitionOf(PortfolioId portfolio) {
        return partitions[Math.floorMod(portfolio.hashCode(), partitions.length)];
    }

    /** The new (or existing) order; {@code null} if the client order id belongs to an order only the store has. */
    private OrderRecord submitAsWriter(OrderRequest request, PartitionAgent partition) {
        ClientOrderId clientOrderId = request.clientOrderId();
        OrderId known = byClientId.get(clientOrderId);
        if (known != null) {
            OrderRecord existing = orders.get(known);
            if (existing != null) {
                return existing;
            }
        }
        if (known != null || compactOrder(clientOrderId) != null || storedOrder(clientOrderId).isPresent()) {
            // Finished and kept compact, or only in the store: submit() answers with it.
            return null;
        }
        Instant now = clock.instant();
        OrderRecord record = create(request, partition, now, null);
        if (record == null) {
            return existing(request.clientOrderId());
        }
        RiskDecision decision = check(record, now);
        if (!decision.approved()) {
            deny(record, decision.describe(), now);
            return record;
        }
        OrderRouter.RoutingPlan plan = plan(record, now);
        if (!plan.routed()) {
            deny(record, describe(plan), now);
            return record;
        }
        execute(record, plan, now);
        return record;
    }

    private List<OrderRecord> submitListAsWriter(OrderList list, PartitionAgent partition) {
        Instant now = clock.instant();
        List<OrderRecord> records = new ArrayList<>(list.orders().size());
        boolean raced = false;
        for (OrderRequest request : list.orders()) {
            OrderRecord record = create(request, partition, now, null);
            if (record == null) {
                raced = true;
                record = existing(request.clientOrderId());
                if (record == null) {
                    continue; // finished meanwhile: nothing of this list to deny for it
                }
            }
            records.add(record);
        }
        if (raced) {
            // A client order id of the list was taken meanwhile: keep nothing of this list.
            for (OrderRecord record : records) {
                if (record.status() == INITIALIZED && record.eventCount() == 1) {
                    deny(record, "list refused: one of its client order ids is already in use", now);
                }
            }
            return records;
        }
        link(list.type(), records);

        List<OrderRecord> working = new ArrayList<>();
        for (OrderRecord record : records) {
            RiskDecision decision = record.triggeredBy == null ? check(record, now)
                    : validator.validate(record.request(), now);
            if (!decision.approved()) {
                denyAll(records, record, decision.describe(), now);
                return records;
            }
            if (record.triggeredBy == null) {
                working.add(record);
            }
        }
        List<OrderRouter.RoutingPlan> plans = new ArrayList<>(working.size());
        for (OrderRecord record : working) {
            OrderRouter.RoutingPlan plan = plan(record, now);
            if (!plan.routed()) {
                denyAll(records, record, describe(plan), now);
                return records;
            }
            plans.add(plan);
        }
        for (int i = 0; i < working.size(); i++) {
            execute(working.get(i), plans.get(i), now);
        }
        return records;
    }

    private void link(ContingencyType type, List<OrderRecord> records) {
        switch (type) {
            case OCO -> {
                List<OrderRecord> group = List.copyOf(records);
                records.forEach(r -> r.ocoGroup = group);
            }
            case OTO -> {
                OrderRecord parent = records.get(0);
                parent.triggers = List.copyOf(records.subList(1, records.size()));
                parent.triggers.forEach(child -> child.triggeredBy = parent);
            }
            case BRACKET -> {
                OrderRecord entry = records.get(0);
                List<OrderRecord> exits = List.copyOf(records.subList(1, 3));
                entry.triggers = exits;
                exits.forEach(exit -> {
                    exit.triggeredBy = entry;
                    exit.ocoGroup = exits;
                });
            }
            default -> throw new IllegalArgumentException("unknown contingency " + type);
        }
        // The links are made after the orders' INITIALIZED events: store them now, a held child has no next event.
        for (OrderRecord record : records) {
            journal.record(record, null);
        }
    }

    private void denyAll(List<OrderRecord> records, OrderRecord culprit, String reason, Instant now) {
        // No contingency may act on the denials: the list is refused as a whole.
        for (OrderRecord record : records) {
            record.ocoDone = true;
            record.triggersResolved = true;
        }
        for (OrderRecord record : records) {
            deny(record, record == culprit ? reason
                    : "list refused: order " + culprit.id + " (" + culprit.request().clientOrderId() + ") " + reason,
                    now);
        }
    }

    /** Creates and registers a record; {@code null} if its client order id was taken by another partition. */
    private OrderRecord create(OrderRequest request, PartitionAgent partition, Instant now, OrderRecord splitParent) {
        OrderId id = OrderId.of(journal.nextId());
        OrderRecord[] self = new OrderRecord[1];
        OrderRecord record = new OrderRecord(id, request, partition, now,
                report -> partition.post(() -> onReport(self[0], report)));
        self[0] = record;
        record.splitParent = splitParent;
        orders.put(id, record);
        if (splitParent == null) {
            OrderId raced = byClientId.putIfAbsent(request.clientOrderId(), id);
            if (raced != null) {
                orders.remove(id);
                return null;
            }
        }
        emit(record, OrderEventType.INITIALIZED, null, null, now);
        return record;
    }

    /** Instrument validation, then pre-trade risk. */
    private RiskDecision check(OrderRecord record, Instant now) {
        RiskDecision valid = validator.validate(record.request(), now);
        return valid.approved() ? checkRisk(record.request()) : valid;
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

    private OrderRouter.RoutingPlan plan(OrderRecord record, Instant now) {
        OrderRouter.RoutingPlan plan;
        try {
            VenueId wanted = record.request().venueId();
            VenueDirectory.State state = wanted == null ? null : venues.state(wanted);
            if (state != null && venues.get(wanted).isPresent()
                    && state.availability() != org.nautilus.api.venue.VenueAvailability.AVAILABLE) {
                plan = OrderRouter.RoutingPlan.refused("VENUE_UNAVAILABLE", "venue " + wanted + " is "
                        + state.availability() + ": " + state.reason());
            } else {
                List<Venue> available = venues.available();
                plan = available.isEmpty() && !venues.ids().isEmpty() ? OrderRouter.RoutingPlan.refused(
                        "VENUE_UNAVAILABLE", "no venue takes new orders: " + unavailable())
                        : router.route(record.request(), available);
            }
        } catch (RuntimeException e) {
            LOG.error("routing failed for order {}", record.id, e);
            plan = OrderRouter.RoutingPlan.refused("ROUTER_ERROR", "the router failed: " + e);
        }
        OrderRequest request = record.request();
        OrderRouter.RoutingPlan decided = plan;
        decisions.add(record.partition.index, record.id, now, () -> {
            List<RouteAllocation> allocations = new ArrayList<>(decided.legs().size());
            for (OrderRouter.Leg leg : decided.legs()) {
                allocations.add(new RouteAllocation(leg.venue().id(), leg.quantity(), leg.expectedPrice()));
            }
            return new RoutingDecision(record.id, request.clientOrderId(), request.instrumentId(), request.side(),
                    request.quantity(), allocations, decided.routed() ? decided.reason() : describe(decided), now);
        });
        return plan;
    }

    /** The venues that take no new orders and why, e.g. {@code IB DISCONNECTED (gateway restart)}. */
    private String unavailable() {
        StringBuilder s = new StringBuilder();
        for (VenueId id : venues.ids()) {
            VenueDirectory.State state = venues.state(id);
            s.append(s.length() == 0 ? "" : "; ").append(id).append(' ').append(state.availability()).append(" (")
                    .append(state.reason()).append(')');
        }
        return s.toString();
    }

    private static String describe(OrderRouter.RoutingPlan refused) {
        return "router: " + refused.reason() + " [" + refused.code() + "]";
    }

    private void execute(OrderRecord record, OrderRouter.RoutingPlan plan, Instant now) {
        if (plan.legs().size() == 1) {
            send(record, plan.legs().get(0).venue(), now);
        } else {
            split(record, plan, now);
        }
    }

    private void send(OrderRecord record, Venue venue, Instant now) {
        record.venue = venue;
        if (!transition(record, SUBMITTED, OrderEventType.SUBMITTED, null, now, record.request().withVenue(venue.id()))) {
            return;
        }
        statistics.routed(venue.id(), record.request().quantity());
        try {
            venue.submit(record.snapshot(), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to take order {}", venue.id(), record.id, e);
            statistics.reject(venue.id());
            transition(record, REJECTED, OrderEventType.REJECTED, "venue " + venue.id() + " failed: " + e.getMessage(),
                    clock.instant());
        }
    }

    /** Sends one part per leg; the parent order sums them up (see {@link #onPartChanged}). */
    private void split(OrderRecord parent, OrderRouter.RoutingPlan plan, Instant now) {
        if (!transition(parent, SUBMITTED, OrderEventType.SUBMITTED, null, now, parent.request().withVenue(SPLIT))) {
            return;
        }
        List<OrderRecord> parts = new ArrayList<>(plan.legs().size());
        parent.splitParts = parts;
        OrderRequest whole = parent.request();
        int n = 0;
        for (OrderRouter.Leg leg : plan.legs()) {
            OrderRequest partRequest = new OrderRequest(ClientOrderId.of("sor-" + parent.id + "-" + (++n)),
                    whole.portfolioId(), whole.instrumentId(), whole.side(), whole.type(), leg.quantity(),
                    whole.limitPrice(), whole.stopPrice(), whole.timeInForce(), whole.expireTime(), null,
                    whole.postOnly(), whole.reduceOnly());
            parts.add(create(partRequest, parent.partition, now, parent));
        }
        journal.record(parent, null);
        for (int i = 0; i < parts.size(); i++) {
            send(parts.get(i), plan.legs().get(i).venue(), now);
        }
    }

    /** Releases an order an OTO held back, for at most what its parent filled. */
    private void release(OrderRecord child, Quantity parentFilled, Instant now) {
        if (child.request().quantity().compareTo(parentFilled) > 0) {
            child.changeRequest(child.request().withQuantity(parentFilled), INITIALIZED, null, now);
            emit(child, OrderEventType.UPDATED, null,
                    "reduced to the " + parentFilled + " order " + child.triggeredBy.id + " filled", now);
        }
        RiskDecision decision = check(child, now);
        if (!decision.approved()) {
            deny(child, decision.describe(), now);
            return;
        }
        OrderRouter.RoutingPlan plan = plan(child, now);
        if (!plan.routed()) {
            deny(child, describe(plan), now);
            return;
        }
        execute(child, plan, now);
    }

    private void deny(OrderRecord record, String reason, Instant now) {
        transition(record, DENIED, OrderEventType.DENIED, reason, now);
    }

    // ================================================================ writer: cancel and amend

    /** @param why recorded as the cancel's reason when the venue confirms it; {@code null}: on request */
    private CommandResult cancelAsWriter(OrderRecord record, String why) {
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
            transition(record, CANCELED, OrderEventType.CANCELED, why != null ? why : "canceled before it was sent",
                    now);
            return CommandResult.accepted(record.snapshot(), "canceled");
        }
        record.cancelRequested = true;
        if (record.splitParts != null) {
            record.resumeStatus = status;
            transition(record, PENDING_CANCEL, OrderEventType.PENDING_CANCEL, null, now);
            for (OrderRecord part : record.splitParts) {
                if (part.status().isOpen() && part.status() != PENDING_CANCEL) {
                    cancelAsWriter(part, why);
                }
            }
            finishSplit(record, now);
            return CommandResult.accepted(record.snapshot(), "cancel sent");
        }
        Venue venue = record.venue;
        if (venue == null || !venues.isRegistered(venue)) {
            transition(record, CANCELED, OrderEventType.CANCELED,
                    "venue " + record.request().venueId() + " removed; canceled locally", now);
            return CommandResult.accepted(record.snapshot(), "canceled");
        }
        record.resumeStatus = status;
        record.cancelReason = why;
        transition(record, PENDING_CANCEL, OrderEventType.PENDING_CANCEL, null, now);
        try {
            venue.cancel(record.snapshot(), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to cancel order {}", venue.id(), record.id, e);
            record.cancelRequested = false;
            transition(record, record.resumeStatus, OrderEventType.CANCEL_REJECTED,
                    "venue " + venue.id() + " failed to cancel: " + e.getMessage(), clock.instant());
            return CommandResult.refused("VENUE_ERROR", "venue " + venue.id() + " failed to cancel: " + e.getMessage(),
                    record.snapshot());
        }
        return CommandResult.accepted(record.snapshot(), "cancel sent");
    }

    private CommandResult amendAsWriter(OrderRecord record, Quantity quantity, Price price) {
        OrderStatus status = record.status();
        Instant now = clock.instant();
        if (quantity == null && price == null) {
            return CommandResult.refused("NOTHING_TO_AMEND", "give a new quantity, a new price or both",
                    record.snapshot());
        }
        if (status.isTerminal()) {
            return CommandResult.refused("ORDER_TERMINAL",
                    "order " + record.id + " is " + status + "; it cannot be amended", record.snapshot());
        }
        if (status == PENDING_CANCEL) {
            return CommandResult.refused("CANCEL_PENDING", "order " + record.id + " has a cancel pending",
                    record.snapshot());
        }
        if (status == PENDING_UPDATE) {
            return CommandResult.refused("AMEND_PENDING",
                    "order " + record.id + " already has an amend pending", record.snapshot());
        }
        if (record.splitParts != null) {
            return CommandResult.refused("AMEND_UNSUPPORTED", "order " + record.id
                    + " is split across venues; cancel it and submit a new one", record.snapshot());
        }
        OrderRequest current = record.request();
        OrderRequest amended = current;
        if (quantity != null) {
            if (quantity.compareTo(record.filled()) <= 0) {
                return CommandResult.refused("AMEND_INVALID", "new quantity " + quantity + " is not above the "
                        + record.filled() + " already filled; cancel the order instead", record.snapshot());
            }
            amended = amended.withQuantity(quantity);
        }
        if (price != null) {
            if (current.type() == OrderType.MARKET) {
                return CommandResult.refused("AMEND_INVALID", "a MARKET order has no price to amend",
                        record.snapshot());
            }
            try {
                amended = current.type() == OrderType.STOP ? withStopPrice(amended, price)
                        : amended.withLimitPrice(price);
            } catch (IllegalArgumentException e) {
                return CommandResult.refused("AMEND_INVALID", e.getMessage(), record.snapshot());
            }
        }
        if (amended.equals(current)) {
            return CommandResult.refused("NOTHING_TO_AMEND", "the order already has that quantity and price",
                    record.snapshot());
        }
        RiskDecision valid = validator.validate(amended, now);
        if (!valid.approved()) {
            return CommandResult.refused("AMEND_INVALID", valid.describe(), record.snapshot());
        }
        if (amended.quantity().compareTo(current.quantity()) > 0) {
            // More quantity is more risk: pre-trade risk sees the order as it would be.
            RiskDecision decision = checkRisk(amended);
            if (!decision.approved()) {
                return CommandResult.refused("RISK_DENIED", decision.describe(), record.snapshot());
            }
        }
        if (status == INITIALIZED) {
            record.changeRequest(amended, INITIALIZED, null, now);
            emit(record, OrderEventType.UPDATED, null, null, now);
            return CommandResult.accepted(record.snapshot(), "amended");
        }
        Venue venue = record.venue;
        if (venue == null || !venues.isRegistered(venue)) {
            return CommandResult.refused("VENUE_GONE", "venue " + current.venueId()
                    + " was removed; the order can only be canceled", record.snapshot());
        }
        if (!venue.supportsAmend()) {
            return CommandResult.refused("AMEND_UNSUPPORTED", "venue " + venue.id()
                    + " does not support amends; cancel the order and submit a new one", record.snapshot());
        }
        record.resumeStatus = status;
        record.pendingAmend = amended;
        transition(record, PENDING_UPDATE, OrderEventType.PENDING_UPDATE, null, now);
        try {
            venue.amend(record.amendedView(amended, now), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to amend order {}", venue.id(), record.id, e);
            record.pendingAmend = null;
            transition(record, record.resumeStatus, OrderEventType.UPDATE_REJECTED,
                    "venue " + venue.id() + " failed to amend: " + e.getMessage(), clock.instant());
            return CommandResult.refused("VENUE_ERROR", "venue " + venue.id() + " failed to amend: " + e.getMessage(),
                    record.snapshot());
        }
        return CommandResult.accepted(record.snapshot(), "amend sent");
    }

    private static OrderRequest withStopPrice(OrderRequest r, Price stop) {
        return new OrderRequest(r.clientOrderId(), r.portfolioId(), r.instrumentId(), r.side(), r.type(), r.quantity(),
                r.limitPrice(), stop, r.timeInForce(), r.expireTime(), r.venueId(), r.postOnly(), r.reduceOnly());
    }

    private static String describeCancel(Order order) {
        return switch (order.status()) {
            case CANCELED -> "order " + order.id() + " canceled";
            case PENDING_CANCEL -> "cancel of order " + order.id() + " sent to " + order.venueId()
                    + "; waiting for its answer";
            default -> "cancel of order " + order.id() + " overtaken: order is " + order.status();
        };
    }

    private static String describeAmend(Order order) {
        return switch (order.status()) {
            case PENDING_UPDATE -> "amend of order " + order.id() + " sent to " + order.venueId()
                    + "; waiting for its answer";
            case INITIALIZED -> "order " + order.id() + " amended before it was sent";
            default -> order.reason() == null ? "order " + order.id() + " amended: " + order.quantity()
                    + (order.request().limitPrice() != null ? " @ " + order.request().limitPrice() : "")
                    : "amend of order " + order.id() + ": " + order.reason();
        };
    }

    // ================================================================ writer: venue reports

    private void onReport(OrderRecord record, ExecutionReport report) {
        if (!report.venueId().equals(record.request().venueId())) {
            refusedReports.incrementAndGet();
            LOG.warn("order {}: report from {} ignored, the order is at {}", record.id, report.venueId(),
                    record.request().venueId());
            return;
        }
        switch (report.type()) {
            case ACCEPTED -> onWorking(record, ACCEPTED, report);
            case TRIGGERED -> onWorking(record, TRIGGERED, report);
            case REJECTED -> onRejected(record, report);
            case FILL -> onFill(record, report);
            case CANCELED -> transition(record, CANCELED, OrderEventType.CANCELED, cancelReason(record, report),
                    report.timestamp());
            case EXPIRED -> transition(record, EXPIRED, OrderEventType.EXPIRED,
                    report.reason() != null ? report.reason() : "expired", report.timestamp());
            case REPLACED -> onReplaced(record, report);
            case REPLACE_REJECTED -> onReplaceRejected(record, report);
            default -> refuse(record, report, "unknown report type");
        }
    }

    private static String cancelReason(OrderRecord record, ExecutionReport report) {
        if (record.status() == PENDING_CANCEL) {
            return record.cancelReason != null ? record.cancelReason : "canceled on request";
        }
        return report.reason() != null ? report.reason() : "canceled by the venue";
    }

    /** ACCEPTED or TRIGGERED: the order works (further). */
    private void onWorking(OrderRecord record, OrderStatus working, ExecutionReport report) {
        OrderStatus status = record.status();
        OrderEventType type = working == ACCEPTED ? OrderEventType.ACCEPTED : OrderEventType.TRIGGERED;
        if ((status == PENDING_CANCEL || status == PENDING_UPDATE)
                && (record.resumeStatus == SUBMITTED || record.resumeStatus == ACCEPTED)) {
            // The venue's news crossed our request: noted; the request is still pending.
            if (record.resumeStatus == working) {
                duplicateReports.incrementAndGet();
                return;
            }
            record.resumeStatus = working;
            emit(record, type, null, null, report.timestamp());
            return;
        }
        if (status == working) {
            duplicateReports.incrementAndGet();
            return;
        }
        transition(record, working, type, null, report.timestamp());
    }

    private void onRejected(OrderRecord record, ExecutionReport report) {
        OrderStatus status = record.status();
        String why = report.reason() != null ? report.reason() : "no reason given";
        if ((status == PENDING_CANCEL || status == PENDING_UPDATE) && record.resumeStatus != SUBMITTED) {
            // The venue refused our cancel or amend: the order keeps working as before.
            boolean cancel = status == PENDING_CANCEL;
            record.pendingAmend = null;
            record.cancelRequested = false;
            transition(record, record.resumeStatus, cancel ? OrderEventType.CANCEL_REJECTED
                    : OrderEventType.UPDATE_REJECTED, (cancel ? "cancel" : "amend") + " refused by "
                    + report.venueId() + ": " + why, report.timestamp());
            return;
        }
        if (transition(record, REJECTED, OrderEventType.REJECTED, why, report.timestamp())) {
            statistics.reject(report.venueId());
        }
    }

    private void onReplaced(OrderRecord record, ExecutionReport report) {
        OrderRequest amended = record.pendingAmend;
        if (record.status() != PENDING_UPDATE || amended == null) {
            refuse(record, report, "REPLACED without a pending amend");
            return;
        }
        if (record.filled().compareTo(amended.quantity()) > 0) {
            refuse(record, report, "REPLACED to " + amended.quantity() + " below the filled " + record.filled());
            return;
        }
        record.pendingAmend = null;
        OrderStatus next = record.filled().equals(amended.quantity()) ? FILLED : record.resumeStatus;
        transition(record, next, OrderEventType.UPDATED, null, report.timestamp(), amended);
    }

    private void onReplaceRejected(OrderRecord record, ExecutionReport report) {
        if (record.status() != PENDING_UPDATE) {
            refuse(record, report, "REPLACE_REJECTED without a pending amend");
            return;
        }
        record.pendingAmend = null;
        transition(record, record.resumeStatus, OrderEventType.UPDATE_REJECTED, "amend refused by "
                + report.venueId() + ": " + (report.reason() != null ? report.reason() : "no reason given"),
                report.timestamp());
    }

    private void onFill(OrderRecord record, ExecutionReport report) {
        if (!record.markExecution(report.executionId())) {
            duplicateReports.incrementAndGet();
            return;
        }
        Order order = record.snapshot();
        Fill fill = new Fill(report.executionId(), record.id, order.portfolioId(), order.instrumentId(),
                report.venueId(), order.side(), report.lastQuantity(), report.lastPrice(), report.commission(),
                report.timestamp());
        if (book(record, fill)) {
            venuePositions.add(report.venueId(), order.instrumentId(), order.side(), report.lastQuantity());
            statistics.filled(report.venueId(), report.lastQuantity());
        } else {
            refusedReports.incrementAndGet();
        }
    }

    /**
     * Books a fill on an order: the order's new status follows from its filled quantity; a pending cancel or
     * amend stays pending. A fill after CANCELED or EXPIRED (it crossed the cancel, or the venue was removed)
     * traded, so it is booked and the status stays. Returns {@code false} if refused (overfill, illegal).
     */
    private boolean book(OrderRecord record, Fill fill) {
        OrderStatus status = record.status();
        Quantity filled = record.filled().plus(fill.quantity());
        Quantity quantity = record.request().quantity();
        if (filled.compareTo(quantity) > 0) {
            LOG.error("order {}: fill {} refused: overfill {} > order quantity {}", record.id, fill.executionId(),
                    filled, quantity);
            return false;
        }
        OrderStatus next;
        String reason = record.snapshot().reason();
        if (status == CANCELED || status == EXPIRED) {
            lateFills.incrementAndGet();
            LOG.warn("order {}: late fill {} @ {} after {}", record.id, fill.quantity(), fill.price(), status);
            next = status;
            reason = reason + "; late fill " + fill.quantity() + " @ " + fill.price();
        } else if (status.isTerminal()) {
            illegal(record, filled.equals(quantity) ? FILLED : PARTIALLY_FILLED);
            return false;
        } else if (filled.equals(quantity)) {
            next = FILLED;
        } else if (status == PENDING_CANCEL || status == PENDING_UPDATE) {
            next = status;
            record.resumeStatus = PARTIALLY_FILLED;
        } else {
            next = PARTIALLY_FILLED;
        }
        if (next != status && !OrderStateMachine.allows(status, next)) {
            illegal(record, next);
            return false;
        }
        record.addFill(fill, next, reason);
        emit(record, OrderEventType.FILL, fill, null, fill.timestamp());
        return true;
    }

    // ================================================================ writer: split parents

    /** A part of a split order changed: the parent order the client sees follows. */
    private void onPartChanged(OrderRecord parent, OrderRecord part, OrderEvent event) {
        switch (event.type()) {
            case ACCEPTED -> {
                if (parent.status() == SUBMITTED) {
                    transition(parent, ACCEPTED, OrderEventType.ACCEPTED, null, event.timestamp());
                } else if (parent.resumeStatus == SUBMITTED) {
                    parent.resumeStatus = ACCEPTED;
                }
            }
            case FILL -> {
                Fill partFill = event.fill();
                Fill fill = new Fill(partFill.executionId(), parent.id, partFill.portfolioId(),
                        partFill.instrumentId(), partFill.venueId(), partFill.side(), partFill.quantity(),
                        partFill.price(), partFill.commission(), partFill.timestamp());
                if (!book(parent, fill)) {
                    refusedReports.incrementAndGet();
                }
            }
            case CANCEL_REJECTED -> {
                boolean stillPending = parent.splitParts.stream().anyMatch(p -> p.status() == PENDING_CANCEL);
                if (parent.status() == PENDING_CANCEL && !stillPending) {
                    parent.cancelRequested = false;
                    OrderStatus resume = parent.filled().isZero() ? parent.resumeStatus : PARTIALLY_FILLED;
                    transition(parent, resume, OrderEventType.CANCEL_REJECTED, event.order().reason(),
                            event.timestamp());
                }
            }
            default -> {
            }
        }
        if (part.status().isTerminal()) {
            finishSplit(parent, event.timestamp());
        }
    }

    /** Once every part has ended, the parent ends too (FILLED already happened through the fills). */
    private void finishSplit(OrderRecord parent, Instant at) {
        if (parent.status().isTerminal()) {
            return;
        }
        boolean allExpired = true;
        boolean allRejected = true;
        StringJoiner reasons = new StringJoiner("; ");
        for (OrderRecord part : parent.splitParts) {
            OrderStatus status = part.status();
            if (!status.isTerminal()) {
                return;
            }
            allExpired &= status == EXPIRED;
            allRejected &= status == REJECTED;
            if (part.snapshot().reason() != null) {
                reasons.add(part.request().venueId() + ": " + part.snapshot().reason());
            }
        }
        OrderStatus end;
        String why;
        if (parent.cancelRequested) {
            end = CANCELED;
            why = "canceled on request";
        } else if (allExpired) {
            end = EXPIRED;
            why = reasons.toString();
        } else if (allRejected && parent.filled().isZero()) {
            end = REJECTED;
            why = reasons.toString();
        } else {
            end = CANCELED;
            why = reasons.toString();
        }
        if (!OrderStateMachine.allows(parent.status(), end)) {
            end = CANCELED;
        }
        transition(parent, end, end == CANCELED ? OrderEventType.CANCELED
                : end == EXPIRED ? OrderEventType.EXPIRED : OrderEventType.REJECTED, why, at);
    }

    // ================================================================ writer: events and contingencies

    private boolean transition(OrderRecord record, OrderStatus to, OrderEventType type, String reason, Instant at) {
        return transition(record, to, type, reason, at, null);
    }

    /** Moves the order to {@code to} if the state machine allows it; otherwise refuses and changes nothing. */
    private boolean transition(OrderRecord record, OrderStatus to, OrderEventType type, String reason, Instant at,
                               OrderRequest request) {
        // The cancel of an expiry, confirmed (or done locally); a child not yet released can only be CANCELED.
        if (to == CANCELED && record.expiry != null && OrderStateMachine.allows(record.status(), EXPIRED)) {
            to = EXPIRED;
            type = OrderEventType.EXPIRED;
            reason = record.expiry;
        }
        if (!OrderStateMachine.allows(record.status(), to)) {
            illegal(record, to);
            return false;
        }
        if (request != null) {
            record.changeRequest(request, to, reason, at);
        } else {
            record.change(to, reason, at);
        }
        emit(record, type, null, reason, at);
        return true;
    }

    /**
     * Records the change as an event and tells whoever must know: the split parent, or the in-step listeners now and
     * the subscribers once the step is durable.
     */
    private void emit(OrderRecord record, OrderEventType type, Fill fill, String reason, Instant at) {
        long sequence = record.internal() ? 0 : record.partition.outbox.nextSequence(record.request().portfolioId());
        OrderEvent event = record.record(type, fill, reason, at, sequence);
        journal.record(record, event);
        if (record.internal()) {
            onPartChanged(record.splitParent, record, event);
            return;
        }
        if (fill != null) {
            listeners.onFill(fill);
        }
        listeners.onOrder(record.snapshot());
        record.partition.outbox.add(event);
        contingencies(record, event);
        if (record.status().isTerminal()) {
            retire(record);
        }
    }

    private void contingencies(OrderRecord record, OrderEvent event) {
        boolean ended = record.status().isTerminal();
        if (record.ocoGroup != null && !record.ocoDone && (ended || event.type() == OrderEventType.FILL)) {
            for (OrderRecord member : record.ocoGroup) {
                member.ocoDone = true;
                journal.record(member, null);
            }
            String why = "OCO: order " + record.id + (event.type() == OrderEventType.FILL ? " traded"
                    : " ended " + record.status());
            for (OrderRecord peer : record.ocoGroup) {
                if (peer != record && !peer.status().isTerminal() && peer.status() != PENDING_CANCEL) {
                    cancelAsWriter(peer, why);
                }
            }
        }
        if (record.triggers != null && !record.triggersResolved && ended) {
            record.triggersResolved = true;
            journal.record(record, null);
            Instant now = clock.instant();
            for (OrderRecord child : record.triggers) {
                if (child.status() != INITIALIZED) {
                    continue;
                }
                if (record.filled().isZero()) {
                    transition(child, CANCELED, OrderEventType.CANCELED,
                            "order " + record.id + " that triggers it ended " + record.status() + " unfilled", now);
                } else {
                    release(child, record.filled(), now);
                }
            }
        }
    }

    /**
     * Keeps the most recent finished orders of the partition in memory with their history, makes older ones
     * compact and drops the oldest compact ones.
     */
    private void retire(OrderRecord record) {
        if (record.retired) {
            if (record.compacted) {
                // A late fill on an order already kept compact: the compact entry follows.
                compacted[record.partition.index].update(record.snapshot());
            }
            return;
        }
        record.retired = true;
        int index = record.partition.index;
        Deque<OrderRecord> done = finished.get(index);
        done.addLast(record);
        int keep = historyPerPartition;
        int budget = done.size();
        while (done.size() > keep && budget-- > 0) {
            OrderRecord oldest = done.pollFirst();
            if (settled(oldest)) {
                compact(oldest, index);
            } else {
                done.addLast(oldest);
            }
        }
    }

    /** Replaces a settled order's record (and its history) by its final snapshot, within the retention. */
    private void compact(OrderRecord record, int partition) {
        int room = retainedPerPartition - historyPerPartition;
        boolean dropped = room <= 0;
        if (!dropped) {
            // Compact first, out of the maps second: a reader always finds the order in one of them.
            record.compacted = true;
            dropped = compacted[partition].add(record.snapshot(), room);
        }
        if (dropped && journal.durable()) {
            // Orders dropped from memory stay queryable and idempotent from the store.
            storeMayKnowMore = true;
        }
        orders.remove(record.id);
        byClientId.remove(record.request().clientOrderId(), record.id);
        if (record.splitParts != null) {
            record.splitParts.forEach(part -> orders.remove(part.id));
        }
    }

    /** An order can be forgotten once it and every order it depends on or triggers have ended. */
    private static boolean settled(OrderRecord record) {
        if (!record.status().isTerminal()) {
            return false;
        }
        if (record.triggers != null && record.triggers.stream().anyMatch(c -> !c.status().isTerminal())) {
            return false;
        }
        return record.ocoGroup == null || record.ocoGroup.stream().allMatch(m -> m.status().isTerminal());
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
