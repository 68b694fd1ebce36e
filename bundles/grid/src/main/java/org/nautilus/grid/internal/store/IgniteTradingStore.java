package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteBinary;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionConcurrency;
import org.apache.ignite.transactions.TransactionIsolation;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.RiskStateStore;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.api.store.TradingStore;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.node.GridStartupException;
import org.nautilus.grid.internal.store.OrderCodecs.EventKey;
import org.nautilus.grid.internal.store.OrderCodecs.OrderRef;
import org.nautilus.grid.internal.store.OrderCodecs.StoredEvents;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;
import org.nautilus.grid.internal.store.StateCodecs.Meta;
import org.nautilus.grid.internal.store.StateCodecs.PortfolioKey;
import org.nautilus.grid.internal.store.StateCodecs.Sequence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trading state in TRANSACTIONAL caches of the grid node, written by a {@link GroupCommit}: each group of units
 * of work is one PESSIMISTIC / REPEATABLE_READ Ignite transaction over every cache it touches (orders, events,
 * idempotency keys, positions, risk state, audit entries, and the audit sequence in {@value #META}; fills are read
 * from their FILL events, a separate fills cache was one more row per order and never read); with
 * native persistence and WAL mode FSYNC the commit returns after the WAL record is fsynced, so a command
 * acknowledged after its group is durable survives a killed process or a lost machine.
 *
 * <p>Plain Java over a running {@link Grid}; the DS component {@link GridStoreComponent} publishes it.
 */
public final class IgniteTradingStore implements TradingStore, PositionStore, RiskStateStore, AutoCloseable {

    /** The cache group of every cache below. */
    static final String GROUP = "nautilus-trading";
    static final String ORDERS = "orders";
    /** A cache of the trading group, for affinity and partition queries (every cache of the group shares them). */
    public static final String ORDERS_CACHE = ORDERS;
    static final String EVENTS = "order_events";
    static final String CLIENT_IDS = "client_order_ids";
    static final String POSITIONS = "positions";
    static final String TRADING_STATES = "risk_trading_states";
    static final String BASELINES = "risk_daily_baselines";
    static final String AUDIT = "audit";
    static final String META = "store_meta";
    /** A journaling store's orders, events and idempotency keys: its journal records, see {@link OrderLog}. */
    static final String ORDER_LOG = "order_log";

    static final String META_INITIALIZED = "initialized";
    static final String META_SEQUENCE = "audit.sequence";
    static final String META_ORDER_IDS = "order.id.next";
    static final String META_EPOCH = "oms.epoch";
    /** The journal sequence the caches cover (number) and the journal's store id (text). */
    static final String META_JOURNAL = "journal";
    /**
     * Commands per transaction of the materializer: the caches' fixed cost per transaction (~0.3 ms and a WAL
     * fsync) spread thin, while one transaction's locks and memory stay modest.
     */
    static final int MATERIALIZE_BATCH = 1024;
    /** The journal directory's identity file: the id of the store it belongs to. */
    static final String JOURNAL_ID_FILE = "journal.id";

    private static final Logger LOG = LoggerFactory.getLogger(IgniteTradingStore.class);
    private static final Comparator<Position> POSITION_ORDER = Comparator.comparing(Position::portfolioId)
            .thenComparing(Position::instrumentId);

    private final Grid grid;
    private final StoreSettings settings;
    private final String node;
    final BinaryCache<OrderId, StoredOrder> orders;
    final BinaryCache<EventKey, StoredEvents> events;
    final BinaryCache<ClientOrderId, OrderRef> clientIds;
    final BinaryCache<PositionKey, Position> positions;
    final BinaryCache<PortfolioKey, TradingStatus> tradingStates;
    final BinaryCache<PortfolioKey, DailyPnlBaseline> baselines;
    final BinaryCache<Sequence, org.nautilus.api.audit.AuditEntry> audit;
    final BinaryCache<String, Meta> meta;
    private final GroupCommit commit;
    private final String storeId;
    /** {@code null} when commands are acknowledged after the Ignite transaction itself. */
    private final JournalFile journal;
    private final Materializer materializer;
    private final OrderLog orderLog;
    private final Pending pending = new Pending();
    /** The committer's: the last journal record and audit sequence number given out. */
    private long journalSequence;
    private long auditSequence;
    /** The OMS leadership epoch this node's OMS commits under; 0: not fenced (no OMS here). */
    private volatile long fence;

    private IgniteTradingStore(Grid grid, StoreSettings settings) {
        this.grid = grid;
        this.settings = settings;
        this.node = grid.settings().consistentId();
        IgniteBinary binary = grid.ignite().binary();
        orders = open(ORDERS, OrderCodecs.ORDER_KEY, OrderCodecs.ORDER_ID, OrderCodecs.storedOrder(binary));
        events = open(EVENTS, OrderCodecs.EVENT_KEY, OrderCodecs.EVENT_ID, OrderCodecs.events(binary));
        clientIds = open(CLIENT_IDS, OrderCodecs.CLIENT_KEY, OrderCodecs.CLIENT_ID, OrderCodecs.ORDER_REF);
        positions = BinaryCache.open(grid, GridCaches.transactional(POSITIONS, GROUP, grid.settings(),
                PositionCodecs.KEY_TYPE, PositionCodecs.AFFINITY_FIELD), PositionCodecs.KEY, PositionCodecs.VALUE);
        tradingStates = open(TRADING_STATES, StateCodecs.PORTFOLIO_KEY.typeName(), StateCodecs.PORTFOLIO_KEY,
                StateCodecs.TRADING_STATUS);
        baselines = open(BASELINES, StateCodecs.PORTFOLIO_KEY.typeName(), StateCodecs.PORTFOLIO_KEY,
                StateCodecs.BASELINE);
        audit = open(AUDIT, StateCodecs.SEQUENCE.typeName(), StateCodecs.SEQUENCE, StateCodecs.AUDIT);
        meta = open(META, StateCodecs.META_KEY.typeName(), StateCodecs.META_KEY, StateCodecs.META);
        registerTypes(binary);
        storeId = checkInitialized();
        if (settings.journaled(grid.settings())) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            org.apache.ignite.IgniteCache<Long, byte[]> log = (org.apache.ignite.IgniteCache) grid.ignite()
                    .getOrCreateCache((org.apache.ignite.configuration.CacheConfiguration) GridCaches.transactional(
                            ORDER_LOG, GROUP, grid.settings(), Long.class.getName(), null));
            orderLog = new OrderLog(log);
            orderLog.load();
            journal = openJournal();
            auditSequence = meta.get(META_SEQUENCE).map(Meta::number).orElse(0L);
            journalSequence = journal.lastSequence();
            commit = new GroupCommit("nautilus-store", journalWriter, settings.maxBatch(), settings.commitTimeout());
            // A failure behind the journal stops the acknowledgements too (nobody holds the store yet).
            materializer = new Materializer("nautilus-store", materializerSink, MATERIALIZE_BATCH,
                    settings.materializeMaxLag(), journalSequence, failure -> this.commit.halt(failure));
        } else {
            orderLog = null;
            journal = null;
            materializer = null;
            commit = new GroupCommit("nautilus-store", directWriter, settings.maxBatch(), settings.commitTimeout());
        }
        if (grid.settings().persistenceEnabled()) {
            LOG.info("Nautilus store {} opened: {} order(s), {} position(s), {} audit entrie(s)", storeId,
                    orderCount(), positions.sizeLong(), audit.sizeLong()
                            + (orderLog == null ? events.sizeLong() : orderLog.eventCount()));
        }
    }

    /**
     * Registers the binary metadata of every stored type with all its fields, optional ones included, before any
     * concurrent use: registering a type (or a new field) while transactions on several threads use it raced in
     * Ignite 2.17 (a transaction waited forever for a metadata write), and a field first used in production would
     * register then.
     */
    private void registerTypes(IgniteBinary binary) {
        Instant t = Instant.EPOCH;
        OrderRequest request = new OrderRequest(ClientOrderId.of("type-registration"), PortfolioId.of("p"),
                InstrumentId.of("I"), org.nautilus.api.domain.Side.BUY, org.nautilus.api.domain.OrderType.STOP_LIMIT,
                org.nautilus.api.domain.Quantity.ofWhole(1), org.nautilus.api.domain.Price.ofWhole(1),
                org.nautilus.api.domain.Price.ofWhole(1), org.nautilus.api.domain.TimeInForce.GTD, t,
                org.nautilus.api.domain.VenueId.of("V"), false, true);
        org.nautilus.api.domain.Order order = new org.nautilus.api.domain.Order(OrderId.of(1), request,
                org.nautilus.api.domain.OrderStatus.PARTIALLY_FILLED, org.nautilus.api.domain.Quantity.ofWhole(1),
                org.nautilus.api.domain.Price.ofWhole(1), org.nautilus.api.domain.VenueId.of("V"), "r", t, t);
        Fill fill = new Fill("x", OrderId.of(1), PortfolioId.of("p"), InstrumentId.of("I"),
                org.nautilus.api.domain.VenueId.of("V"), org.nautilus.api.domain.Side.BUY,
                org.nautilus.api.domain.Quantity.ofWhole(1), org.nautilus.api.domain.Price.ofWhole(1),
                org.nautilus.api.domain.Money.ZERO, t);
        StoredOrder stored = new StoredOrder(order, 2, OrderId.of(2), List.of(OrderId.of(3)), OrderId.of(4),
                List.of(OrderId.of(5)), List.of(OrderId.of(6)), true, true, true,
                org.nautilus.api.domain.OrderStatus.ACCEPTED, request, "r");
        OrderEvent event = new OrderEvent(2, OrderEventType.FILL, order, fill, "r", t, 0);
        orders.encodeKey(OrderId.of(1));
        orders.encodeValue(stored);
        events.encodeKey(new EventKey(OrderId.of(1), 1));
        events.encodeValue(new StoredEvents(List.of(event), 1, "n"));
        clientIds.encodeKey(ClientOrderId.of("c"));
        clientIds.encodeValue(new OrderRef(OrderId.of(1)));
        positions.encodeKey(new PositionKey(PortfolioId.of("p"), InstrumentId.of("I")));
        positions.encodeValue(Position.flat(PortfolioId.of("p"), InstrumentId.of("I"), t));
        tradingStates.encodeKey(new PortfolioKey("p"));
        tradingStates.encodeValue(new TradingStatus(PortfolioId.of("p"), org.nautilus.api.risk.TradingState.HALTED,
                "r", t));
        baselines.encodeValue(new DailyPnlBaseline(PortfolioId.of("p"), java.time.LocalDate.EPOCH,
                org.nautilus.api.domain.Money.ZERO, org.nautilus.api.domain.Money.ZERO, t));
        audit.encodeKey(new Sequence(1));
        audit.encodeValue(new org.nautilus.api.audit.AuditEntry(1, t, AuditCategory.RISK, "T", "s", PortfolioId.of("p"),
                "n", "d", Map.of("k", "v")));
        meta.encodeKey("k");
        meta.encodeValue(new Meta(1, "t"));
    }

    /**
     * Opens the store's caches on a running grid and checks that the persistent data is the one this node had.
     *
     * @throws GridStartupException if the persistence directory is missing, empty or another store's while the
     *                              local marker says this node had data (unless a fresh start is allowed)
     */
    public static IgniteTradingStore open(Grid grid, StoreSettings settings) {
        return new IgniteTradingStore(grid, settings);
    }

    private <K, V> BinaryCache<K, V> open(String name, String keyType, BinaryCodec<K> keys, BinaryCodec<V> values) {
        return BinaryCache.open(grid, GridCaches.transactional(name, GROUP, grid.settings(), keyType, null), keys,
                values);
    }

    public void maxBatch(int value) {
        commit.maxBatch(value);
    }

    public GroupCommit.Stats stats() {
        return commit.stats();
    }

    /** The id written when the store was first initialized (shared by every node of a cluster). */
    public String storeId() {
        return storeId;
    }

    String node() {
        return node;
    }

    GroupCommit groupCommit() {
        return commit;
    }

    Grid grid() {
        return grid;
    }

    // ------------------------------------------------------------------ units of work

    @Override
    public void begin() {
        commit.begin();
    }

    @Override
    public Commit end() {
        return commit.end();
    }

    @Override
    public boolean inUnitOfWork() {
        return commit.inUnit();
    }

    @Override
    public void record(StoredOrder order, OrderEvent event) {
        commit.write(unit -> {
            unit.orders.put(order.id(), order);
            if (event != null) {
                unit.events.add(event);
            }
        });
    }

    @Override
    public long reserveOrderIds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive, got " + count);
        }
        Ignite ignite = grid.ignite();
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, settings.commitTimeout().toMillis(), 1)) {
            long first = meta.get(META_ORDER_IDS).map(Meta::number).orElse(1L);
            meta.put(META_ORDER_IDS, new Meta(Math.addExact(first, count), null));
            tx.commit();
            return first;
        } catch (RuntimeException e) {
            throw new StoreException("could not reserve order ids in " + description() + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ OMS leadership fencing

    /**
     * Makes this node the OMS's: increments the leadership epoch in one transaction (durably, cluster-wide) and from
     * then on refuses to commit OMS state (orders, events, positions) unless the stored epoch is still this one. A
     * node that lost the leadership without noticing (a long pause, a partition) thus cannot overwrite what the new
     * leader writes.
     *
     * @return the new epoch
     */
    public long acquireEpoch() {
        Ignite ignite = grid.ignite();
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, settings.commitTimeout().toMillis(), 1)) {
            long epoch = meta.get(META_EPOCH).map(Meta::number).orElse(0L) + 1;
            meta.put(META_EPOCH, new Meta(epoch, node));
            tx.commit();
            fence = epoch;
            return epoch;
        } catch (RuntimeException e) {
            throw new StoreException("could not take the OMS leadership epoch in " + description() + ": "
                    + e.getMessage(), e);
        }
    }

    /** This node no longer runs the OMS. */
    public void releaseEpoch() {
        fence = 0;
    }

    /** The current epoch and the node that took it, as stored. */
    public Optional<Meta> epoch() {
        return meta.get(META_EPOCH);
    }

    // ------------------------------------------------------------------ positions and risk state

    @Override
    public void save(Position position) {
        commit.write(unit -> unit.positions.put(PositionKey.of(position), position));
    }

    @Override
    public Optional<Position> load(PortfolioId portfolio, InstrumentId instrument) {
        PositionKey key = new PositionKey(portfolio, instrument);
        Optional<Position> unwritten = pending.position(key);
        return unwritten.isPresent() ? unwritten : positions.get(key);
    }

    /** Sorted by portfolio, then instrument. */
    @Override
    public List<Position> loadAll() {
        caughtUp();
        List<Position> all = positions.values();
        all.sort(POSITION_ORDER);
        return all;
    }

    @Override
    public void save(TradingStatus status) {
        String key = status.portfolio() == null ? StateCodecs.GLOBAL : status.portfolio().value();
        commit.write(unit -> {
            unit.tradingStatuses.put(key, status);
            unit.audits.add(new Unit.AuditDraft(status.since(), AuditCategory.RISK, "TRADING_STATE",
                    status.portfolio() == null ? "global" : status.portfolio().value(), status.portfolio(),
                    status.describe(), Map.of("state", status.state().name(), "reason", status.reason())));
        });
    }

    @Override
    public List<TradingStatus> tradingStatuses() {
        caughtUp();
        List<TradingStatus> all = tradingStates.values();
        all.sort(Comparator.comparing((TradingStatus s) -> s.portfolio() == null ? "" : "~" + s.portfolio().value()));
        return all;
    }

    @Override
    public void save(DailyPnlBaseline baseline) {
        commit.write(unit -> {
            unit.baselines.put(baseline.portfolio(), baseline);
            unit.audits.add(new Unit.AuditDraft(baseline.recordedAt(), AuditCategory.RISK, "DAILY_BASELINE",
                    baseline.portfolio().value(), baseline.portfolio(), "daily P&L baseline of " + baseline.day()
                    + ": realized " + baseline.realized() + ", unrealized " + baseline.unrealized(),
                    Map.of("day", baseline.day().toString(), "realized", baseline.realized().toString(),
                            "unrealized", baseline.unrealized().toString())));
        });
    }

    @Override
    public Optional<DailyPnlBaseline> dailyPnlBaseline(PortfolioId portfolio) {
        caughtUp();
        return baselines.get(new PortfolioKey(portfolio.value()));
    }

    @Override
    public List<DailyPnlBaseline> dailyPnlBaselines() {
        caughtUp();
        List<DailyPnlBaseline> all = baselines.values();
        all.sort(Comparator.comparing(DailyPnlBaseline::portfolio));
        return all;
    }

    // ------------------------------------------------------------------ reads

    /**
     * Waits until the caches hold every command acknowledged so far, for the reads that scan them (a few
     * milliseconds at most when the store keeps up; up to the materialization lag after a burst).
     */
    void caughtUp() {
        if (materializer != null) {
            materializer.awaitWritten(settings.commitTimeout());
        }
    }

    @Override
    public void forEachOrder(Consumer<StoredOrder> action) {
        caughtUp();
        if (orderLog == null) {
            orders.forEach(action);
        } else {
            orderLog.forEachOrder(action);
        }
    }

    @Override
    public Optional<StoredOrder> order(OrderId id) {
        if (orderLog == null) {
            return orders.get(id);
        }
        Optional<StoredOrder> unwritten = pending.order(id);
        return unwritten.isPresent() ? unwritten : orderLog.order(id);
    }

    @Override
    public Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        if (orderLog == null) {
            return clientIds.get(clientOrderId).map(OrderRef::id);
        }
        Optional<OrderId> unwritten = pending.orderId(clientOrderId);
        return unwritten.isPresent() ? unwritten : orderLog.orderId(clientOrderId);
    }

    /** The stored events, then those acknowledged but not yet in the caches (read first: none is missed). */
    @Override
    public List<OrderEvent> events(OrderId id) {
        if (orderLog == null) {
            return writtenEvents(id);
        }
        List<OrderEvent> unwritten = pending.events(id);
        List<OrderEvent> written = orderLog.events(id);
        int last = written.isEmpty() ? 0 : written.get(written.size() - 1).version();
        for (OrderEvent event : unwritten) {
            if (event.version() > last) {
                written.add(event);
            }
        }
        return written;
    }

    /** A journaling store reads its records once, in commit order, instead of every order's events. */
    @Override
    public List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence) {
        if (orderLog == null) {
            return TradingStore.super.eventsAfter(portfolio, sequence);
        }
        caughtUp();
        List<OrderEvent> found = new ArrayList<>();
        orderLog.forEachEvent((journalSequence, event) -> {
            if (event.sequence() > sequence && event.portfolioId().equals(portfolio)) {
                found.add(event);
            }
        });
        // Commit order is sequence order within a portfolio, but a unit's events may interleave portfolios.
        found.sort(Comparator.comparingLong(OrderEvent::sequence));
        return found;
    }

    private List<OrderEvent> writtenEvents(OrderId id) {
        Optional<StoredOrder> order = orders.get(id);
        if (order.isEmpty()) {
            return new ArrayList<>();
        }
        List<EventKey> keys = new ArrayList<>(order.get().version());
        for (int v = 1; v <= order.get().version(); v++) {
            keys.add(new EventKey(id, v));
        }
        // One entry per unit of work that changed the order, under the version of its first event.
        List<OrderEvent> result = new ArrayList<>(keys.size());
        for (StoredEvents stored : events.getAll(keys)) {
            result.addAll(stored.events());
        }
        return result;
    }

    @Override
    public List<Fill> fills(OrderId id) {
        List<Fill> result = new ArrayList<>();
        for (OrderEvent event : events(id)) {
            if (event.fill() != null) {
                result.add(event.fill());
            }
        }
        return result;
    }

    @Override
    public long orderCount() {
        return orderLog == null ? orders.sizeLong() : orderLog.orderCount();
    }

    public long positionCount() {
        return positions.sizeLong();
    }

    /**
     * The point a snapshot taken right now covers: waits until the caches hold every command acknowledged so far,
     * then reads the journal sequence (0 without a journal) and the audit sequence they hold. A snapshot started
     * after this call holds at least everything up to them.
     *
     * @return {journal sequence, audit sequence}
     */
    long[] snapshotPoint() {
        caughtUp();
        long covered = journal == null ? 0 : meta.get(META_JOURNAL).map(Meta::number).orElse(0L);
        return new long[] {covered, meta.get(META_SEQUENCE).map(Meta::number).orElse(0L)};
    }

    /**
     * Makes this node's local files agree with caches restored from store {@code storeId}'s snapshot, before the
     * store opens on them: the marker is written again from the caches, and a journal (this node's, of the empty
     * store it replaces) is emptied and given to the restored store, so that it continues after the sequence the
     * snapshot covers instead of being refused as another store's.
     */
    static void adoptRestored(StoreSettings settings, boolean journaled, String storeId) throws IOException {
        Files.deleteIfExists(settings.markerFile());
        if (!journaled) {
            return;
        }
        Path directory = settings.journalDirectory();
        Files.createDirectories(directory);
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path f : files.filter(JournalFile::isJournalFile).toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(directory.resolve(JOURNAL_ID_FILE), storeId + "\n", StandardCharsets.UTF_8);
    }

    /** The journaling store's orders, {@code null} without a journal. */
    OrderLog orderLog() {
        return orderLog;
    }

    @Override
    public String description() {
        String grouping = "group commit of up to " + commit.stats().maxBatch() + " commands";
        return journal == null ? "ignite (" + grid.describe() + ", " + grouping + ")"
                : "ignite (" + grid.describe() + ", written behind journal " + journal.directory() + ": fsync, "
                + grouping + "; orders as journal records in " + ORDER_LOG + ")";
    }

    /** The materializer's counters; {@code null} without a journal. */
    public Materializer.Stats materializerStats() {
        return materializer == null ? null : materializer.stats();
    }

    /** Bytes appended to the journal since the store opened (0 without one; read by the committer's thread). */
    public long journalBytes() {
        return journal == null ? 0 : journal.appended();
    }

    /** {@code true} if commands are acknowledged after the journal sync. */
    public boolean journaled() {
        return journal != null;
    }

    @Override
    public void close() {
        commit.close();
        if (materializer != null) {
            materializer.close();
            journal.close();
        }
    }

    // ------------------------------------------------------------------ the committer's transaction

    /** A unit's writes in their stored form, encoded by {@link #prepare} on the thread that hands it over. */
    private static final class Encoded {
        final Map<BinaryObject, BinaryObject> orders = new HashMap<>();
        final List<BinaryObject> eventKeys = new ArrayList<>();
        /** Per key: the order's events in this unit. */
        final List<BinaryObject[]> eventBodies = new ArrayList<>();
        int eventCount;
        final Map<BinaryObject, BinaryObject> clientIds = new HashMap<>();
        final Map<BinaryObject, BinaryObject> positions = new HashMap<>();
    }

    /** Without a journal: a command is acknowledged once its group's Ignite transaction committed. */
    private final GroupCommit.Writer directWriter = new GroupCommit.Writer() {
        @Override
        public void prepare(Unit unit) {
            encode(unit);
        }

        @Override
        public void write(List<Unit> group) {
            IgniteTradingStore.this.write(group);
        }
    };

    /**
     * With the journal: a group is one journal record, synced, then handed to the materializer; the caller encodes
     * its unit both ways (journal and Ignite) while the committer syncs the group before.
     */
    private final GroupCommit.Writer journalWriter = new GroupCommit.Writer() {
        private java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 16);

        @Override
        public void prepare(Unit unit) {
            unit.journalBytes = UnitCodec.encode(unit);
        }

        @Override
        public void write(List<Unit> group) throws Exception {
            materializer.awaitRoom();
            if (materializer.failure() != null) {
                throw new StoreException("the caches stopped following the journal: "
                        + materializer.failure().getMessage(), materializer.failure());
            }
            long sequence = auditSequence;
            for (Unit unit : group) {
                unit.number(sequence);
                sequence += unit.sequenced();
            }
            buffer = journalRecord(group, buffer);
            journal.append(journalSequence + 1, buffer.duplicate());
            journal.sync();
            journalSequence++;
            auditSequence = sequence;
            // Copies: the committer reuses its list and this buffer for the next group.
            List<Unit> units = List.copyOf(group);
            byte[] record = new byte[buffer.remaining()];
            buffer.get(record);
            pending.add(units);
            orderLog.index(journalSequence, units);
            materializer.add(new Materializer.Group(units, journalSequence, record));
        }
    };

    /**
     * A group as one journal record: {@code [int units]} then per unit {@code [long firstSequence][int length]
     * [UnitCodec bytes]}, in {@code buffer} if it is large enough (flipped, ready to append).
     */
    static java.nio.ByteBuffer journalRecord(List<Unit> group, java.nio.ByteBuffer buffer) {
        int size = 4;
        for (Unit unit : group) {
            size += 12 + unit.journalBytes.length;
        }
        java.nio.ByteBuffer out = buffer.capacity() >= size ? buffer.clear()
                : java.nio.ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
        out.putInt(group.size());
        for (Unit unit : group) {
            out.putLong(unit.firstSequence).putInt(unit.journalBytes.length).put(unit.journalBytes);
        }
        return out.flip();
    }

    /** The journal's records written to the caches. */
    private final Materializer.Sink materializerSink = new Materializer.Sink() {
        @Override
        public void write(List<Materializer.Group> batch) {
            writeRecords(batch);
        }

        @Override
        public void written(List<Materializer.Group> batch) {
            for (Materializer.Group group : batch) {
                pending.remove(group.units());
            }
            // Listing the directory per batch is not free; a segment holds thousands of records.
            long sequence = batch.get(batch.size() - 1).journalSequence();
            if (batch.get(0).journalSequence() / 64 != sequence / 64) {
                journal.deleteUpTo(sequence);
            }
        }
    };

    /**
     * Writes journal records in one transaction: each as one {@value #ORDER_LOG} row, the positions they move (each
     * once, at its latest), risk state and audit entries as rows of their own, and the journal sequence covered.
     */
    private void writeRecords(List<Materializer.Group> batch) {
        Map<Long, byte[]> records = new java.util.TreeMap<>();
        Map<PositionKey, Position> moved = new java.util.LinkedHashMap<>();
        Map<PortfolioKey, TradingStatus> statusEntries = new HashMap<>();
        Map<PortfolioKey, DailyPnlBaseline> baselineEntries = new HashMap<>();
        Map<Sequence, org.nautilus.api.audit.AuditEntry> auditEntries = new HashMap<>();
        boolean omsState = false;
        Unit lastUnit = null;
        for (Materializer.Group group : batch) {
            records.put(group.journalSequence(), group.record());
            for (Unit unit : group.units()) {
                omsState |= !unit.orders.isEmpty() || !unit.events.isEmpty() || !unit.positions.isEmpty();
                moved.putAll(unit.positions);
                unit.tradingStatuses.forEach((k, v) -> statusEntries.put(new PortfolioKey(k), v));
                unit.baselines.forEach((k, v) -> baselineEntries.put(new PortfolioKey(k.value()), v));
                unit.audits.forEach(d -> auditEntries.put(new Sequence(d.assigned()[0]), auditEntry(d)));
                lastUnit = unit;
            }
        }
        Map<BinaryObject, BinaryObject> positionEntries = BinaryCache.sortedMap();
        moved.forEach((k, v) -> positionEntries.put(positions.encodeKey(k), positions.encodeValue(v)));
        Ignite ignite = grid.ignite();
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, settings.commitTimeout().toMillis(),
                records.size() + positionEntries.size() + statusEntries.size() + baselineEntries.size()
                        + auditEntries.size() + 3)) {
            checkFence(omsState);
            meta.put(META_SEQUENCE, new Meta(lastUnit.firstSequence + lastUnit.sequenced(), null));
            meta.put(META_JOURNAL, new Meta(batch.get(batch.size() - 1).journalSequence(), storeId));
            orderLog.cache().putAll(records);
            positions.putAllEncoded(positionEntries);
            tradingStates.putAll(statusEntries);
            baselines.putAll(baselineEntries);
            audit.putAll(auditEntries);
            tx.commit();
        }
    }

    /** Inside a transaction: refuses OMS state from a node that no longer holds the OMS leadership. */
    private void checkFence(boolean omsState) {
        long fenced = fence;
        if (fenced > 0 && omsState) {
            long stored = meta.get(META_EPOCH).map(Meta::number).orElse(0L);
            if (stored != fenced) {
                throw new StoreException("the OMS leadership moved (epoch " + stored + " now, this node's is "
                        + fenced + "): this node may no longer commit OMS state");
            }
        }
    }

    /** A numbered draft as the audit entry stored. */
    private org.nautilus.api.audit.AuditEntry auditEntry(Unit.AuditDraft d) {
        return new org.nautilus.api.audit.AuditEntry(d.assigned()[0], d.timestamp(), d.category(), d.type(),
                d.subject(), d.portfolio(), node, d.detail(), d.fields());
    }

    /**
     * Opens the journal and writes what it holds beyond the caches' sequence into them (a crash's leftovers), so
     * that the caches are complete before anyone reads them.
     */
    private JournalFile openJournal() {
        java.nio.file.Path directory = settings.journalDirectory();
        checkJournalIdentity(directory, meta.get(META_JOURNAL).isPresent());
        Optional<Meta> covered = meta.get(META_JOURNAL);
        long after = covered.map(Meta::number).orElse(0L);
        List<Materializer.Group> replayed = new ArrayList<>();
        int[] units = {0};
        long[] last = {after};
        long[] count = {0};
        long started = System.nanoTime();
        JournalFile opened = JournalFile.open(directory, (long) settings.journalSegmentMb() << 20, after,
                (sequence, payload) -> {
                    byte[] record = new byte[payload.remaining()];
                    payload.duplicate().get(record);
                    List<Unit> decoded = OrderLog.units(payload);
                    orderLog.index(sequence, decoded);
                    replayed.add(new Materializer.Group(decoded, sequence, record));
                    units[0] += decoded.size();
                    last[0] = sequence;
                    if (units[0] >= MATERIALIZE_BATCH) {
                        writeRecords(replayed);
                        count[0] += units[0];
                        replayed.clear();
                        units[0] = 0;
                        if (count[0] % 50_000 < MATERIALIZE_BATCH) {
                            LOG.info("Nautilus store: replaying the journal, {} command(s) written to the caches",
                                    count[0]);
                        }
                    }
                });
        if (!replayed.isEmpty()) {
            writeRecords(replayed);
            count[0] += units[0];
        }
        if (count[0] > 0) {
            LOG.info("Nautilus store: replayed {} acknowledged command(s) from journal {} into the caches in {} ms",
                    count[0], directory, (System.nanoTime() - started) / 1_000_000);
        }
        if (covered.isEmpty() || last[0] != after) {
            meta.put(META_JOURNAL, new Meta(last[0], storeId));
        }
        opened.deleteUpTo(last[0]);
        return opened;
    }

    /**
     * The journal belongs to this store: a missing or foreign journal directory while the caches say one was used
     * would silently lose the commands it held beyond them.
     */
    private void checkJournalIdentity(java.nio.file.Path directory, boolean used) {
        java.nio.file.Path idFile = directory.resolve(JOURNAL_ID_FILE);
        try {
            String found = Files.isRegularFile(idFile) ? Files.readString(idFile, StandardCharsets.UTF_8).strip() : null;
            if (found != null && found.equals(storeId)) {
                return;
            }
            if (!settings.freshStartAllowed()) {
                if (used && found == null) {
                    throw new GridStartupException("Nautilus store: journal " + directory + " is missing, but store "
                            + storeId + " wrote to it: acknowledged commands that were not yet in the caches would be "
                            + "lost. Restore the directory (or set journal.directory in etc/nautilus.store.cfg to "
                            + "where it is); to go on without it, set fresh.start.allowed=true once.");
                }
                if (found != null) {
                    throw new GridStartupException("Nautilus store: journal " + directory + " belongs to store "
                            + found + ", not to store " + storeId + " under " + grid.settings().workDirectory()
                            + ": the wrong directory or volume is mounted. Mount the right one, or set "
                            + "fresh.start.allowed=true in etc/nautilus.store.cfg to discard that journal.");
                }
            } else if (found != null || used) {
                LOG.warn("Nautilus store: discarding journal {} (store {}) for store {} (fresh.start.allowed=true)",
                        directory, found, storeId);
            }
            if (Files.isDirectory(directory)) {
                // Only the journal's own files: the directory may be shared by mistake.
                try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(directory)) {
                    for (java.nio.file.Path f : files.filter(JournalFile::isJournalFile).toList()) {
                        Files.delete(f);
                    }
                }
            }
            Files.createDirectories(directory);
            Files.writeString(idFile, storeId + "\n", StandardCharsets.UTF_8);
            if (used) {
                meta.remove(META_JOURNAL);
            }
        } catch (IOException e) {
            throw new GridStartupException("Nautilus store: journal " + directory + " cannot be prepared: "
                    + e.getMessage() + ". Fix the permissions or set journal.directory in etc/nautilus.store.cfg.");
        }
    }

    /**
     * Encodes a unit (the costly part: binary objects for orders, events, fills) on the OMS writer's thread, so
     * that the committer thread only writes; an order's snapshots share the encoding of their request.
     */
    private void encode(Unit unit) {
        IgniteBinary binary = grid.ignite().binary();
        Encoded e = new Encoded();
        Map<Object, BinaryObject> requests = new IdentityHashMap<>();
        OrderCodecs.REQUESTS.set(requests);
        try {
            for (StoredOrder order : unit.orders.values()) {
                e.orders.put(orders.encodeKey(order.id()), orders.encodeValue(order));
            }
            Map<OrderId, List<OrderEvent>> byOrder = new java.util.LinkedHashMap<>();
            for (OrderEvent event : unit.events) {
                byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>(4)).add(event);
            }
            for (List<OrderEvent> orderEvents : byOrder.values()) {
                OrderEvent first = orderEvents.get(0);
                BinaryObject[] bodies = new BinaryObject[orderEvents.size()];
                for (int i = 0; i < bodies.length; i++) {
                    bodies[i] = OrderCodecs.eventBody(binary, orderEvents.get(i), requests);
                }
                e.eventKeys.add(events.encodeKey(new EventKey(first.orderId(), first.version())));
                e.eventBodies.add(bodies);
                e.eventCount += bodies.length;
            }
            for (OrderEvent event : unit.events) {
                if (event.version() == 1) {
                    StoredOrder order = unit.orders.get(event.orderId());
                    if (order != null && !order.internal()) {
                        e.clientIds.put(clientIds.encodeKey(event.order().clientOrderId()),
                                clientIds.encodeValue(new OrderRef(event.orderId())));
                    }
                }
            }
            for (Map.Entry<PositionKey, Position> position : unit.positions.entrySet()) {
                e.positions.put(positions.encodeKey(position.getKey()), positions.encodeValue(position.getValue()));
            }
        } finally {
            OrderCodecs.REQUESTS.remove();
        }
        unit.encoded = e;
    }

    /** Writes one group of the direct committer in one transaction. */
    private void write(List<Unit> group) {
        Ignite ignite = grid.ignite();
        IgniteBinary binary = ignite.binary();
        int sequenced = 0;
        int size = 1;
        for (Unit unit : group) {
            sequenced += unit.events.size() + unit.audits.size();
            size += unit.size();
        }
        Map<BinaryObject, BinaryObject> orderEntries = BinaryCache.sortedMap();
        Map<BinaryObject, BinaryObject> eventEntries = BinaryCache.sortedMap();
        Map<BinaryObject, BinaryObject> clientEntries = BinaryCache.sortedMap();
        Map<BinaryObject, BinaryObject> positionEntries = BinaryCache.sortedMap();
        Map<PortfolioKey, TradingStatus> statusEntries = new HashMap<>();
        Map<PortfolioKey, DailyPnlBaseline> baselineEntries = new HashMap<>();
        Map<Sequence, org.nautilus.api.audit.AuditEntry> auditEntries = new HashMap<>();
        try (Transaction tx = ignite.transactions().txStart(TransactionConcurrency.PESSIMISTIC,
                TransactionIsolation.REPEATABLE_READ, settings.commitTimeout().toMillis(), size)) {
            checkFence(carriesOmsState(group));
            if (sequenced > 0) {
                // Read under the transaction's lock: every node's committer numbers its entries after the others'.
                long next = meta.get(META_SEQUENCE).map(Meta::number).orElse(0L);
                meta.put(META_SEQUENCE, new Meta(next + sequenced, null));
                for (Unit unit : group) {
                    unit.number(next);
                    next += unit.sequenced();
                }
            }
            for (Unit unit : group) {
                Encoded e = (Encoded) unit.encoded;
                long sequence = unit.firstSequence;
                // Later units come later: a later state of an order or a position replaces an earlier one.
                orderEntries.putAll(e.orders);
                for (int i = 0; i < e.eventKeys.size(); i++) {
                    BinaryObject[] bodies = e.eventBodies.get(i);
                    org.apache.ignite.binary.BinaryObjectBuilder wrapper = binary.builder(OrderCodecs.JOURNALED_EVENTS);
                    OrderCodecs.wrap(wrapper, sequence + 1, node, bodies);
                    sequence += bodies.length;
                    eventEntries.put(e.eventKeys.get(i), wrapper.build());
                }
                clientEntries.putAll(e.clientIds);
                positionEntries.putAll(e.positions);
                unit.tradingStatuses.forEach((k, v) -> statusEntries.put(new PortfolioKey(k), v));
                unit.baselines.forEach((k, v) -> baselineEntries.put(new PortfolioKey(k.value()), v));
                // Numbered by Unit.number above: after the unit's events.
                unit.audits.forEach(d -> auditEntries.put(new Sequence(d.assigned()[0]), auditEntry(d)));
            }
            orders.putAllEncoded(orderEntries);
            events.putAllEncoded(eventEntries);
            clientIds.putAllEncoded(clientEntries);
            positions.putAllEncoded(positionEntries);
            tradingStates.putAll(statusEntries);
            baselines.putAll(baselineEntries);
            audit.putAll(auditEntries);
            tx.commit();
        }
    }

    private static boolean carriesOmsState(List<Unit> group) {
        for (Unit unit : group) {
            if (!unit.orders.isEmpty() || !unit.events.isEmpty() || !unit.positions.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ initialization marker

    /**
     * A cluster-wide {@value #META_INITIALIZED} entry plus a local marker file outside the Ignite work directory
     * tell an empty store from a lost one: no entry but a marker means the persistent data this node had is gone.
     */
    private String checkInitialized() {
        Optional<Meta> initialized = meta.get(META_INITIALIZED);
        if (!grid.settings().persistenceEnabled()) {
            return initialized.map(Meta::text).orElseGet(() -> initialize(false));
        }
        Path marker = settings.markerFile();
        Properties local = readMarker(marker);
        if (initialized.isEmpty()) {
            if (local != null && !settings.freshStartAllowed()) {
                throw new GridStartupException("Nautilus store: the persistent data under "
                        + grid.settings().workDirectory() + " is missing or empty, but this node had a store there ("
                        + "marker " + marker + ": store " + local.getProperty("store.id") + " initialized "
                        + local.getProperty("initialized") + "). Restore the directory (or mount the right volume); "
                        + "to start with an empty store on purpose, set fresh.start.allowed=true in "
                        + "etc/nautilus.store.cfg (and back to false afterwards), or delete the marker file.");
            }
            if (local != null) {
                LOG.warn("Nautilus store: starting EMPTY although marker {} says store {} was here "
                        + "(fresh.start.allowed=true)", marker, local.getProperty("store.id"));
            }
            return initialize(true);
        }
        String id = initialized.get().text();
        if (local != null && !id.equals(local.getProperty("store.id")) && !settings.freshStartAllowed()) {
            throw new GridStartupException("Nautilus store: the persistent data under "
                    + grid.settings().workDirectory() + " belongs to store " + id + ", but this node's marker "
                    + marker + " names store " + local.getProperty("store.id") + ": the wrong directory or volume "
                    + "is mounted. Mount the right one, or set fresh.start.allowed=true in etc/nautilus.store.cfg "
                    + "to adopt this data.");
        }
        if (local == null || !id.equals(local.getProperty("store.id"))) {
            writeMarker(marker, id, Instant.ofEpochMilli(initialized.get().number()));
        }
        return id;
    }

    private String initialize(boolean persistent) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        meta.put(META_INITIALIZED, new Meta(now.toEpochMilli(), id));
        if (persistent) {
            writeMarker(settings.markerFile(), id, now);
            LOG.info("Nautilus store {} initialized (empty) under {}; marker {}", id, grid.settings().workDirectory(),
                    settings.markerFile());
        }
        return id;
    }

    private static Properties readMarker(Path marker) {
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new GridStartupException("Nautilus store: marker " + marker + " cannot be read: " + e.getMessage());
        }
        return properties;
    }

    private void writeMarker(Path marker, String id, Instant created) {
        String text = "# Nautilus store marker: this node's trading state lives in the Ignite work directory below.\n"
                + "# If that directory is lost, the node refuses to start empty (see etc/nautilus.store.cfg).\n"
                + "store.id=" + id + "\ninitialized=" + created + "\nwork.directory="
                + grid.settings().workDirectory().toString().replace("\\", "/") + "\n";
        try {
            Files.createDirectories(marker.toAbsolutePath().getParent());
            Path tmp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new GridStartupException("Nautilus store: marker " + marker + " cannot be written: " + e.getMessage()
                    + ". Fix the permissions or set marker.file in etc/nautilus.store.cfg.");
        }
    }
}
