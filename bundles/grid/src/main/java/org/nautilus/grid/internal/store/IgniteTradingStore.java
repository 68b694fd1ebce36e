package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.ignite.transactions.Transaction;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.RiskStateStore;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.api.store.TradingStore;
import org.nautilus.grid.internal.journal.Durations;
import org.nautilus.grid.internal.journal.GroupCommit;
import org.nautilus.grid.internal.journal.JournalFile;
import org.nautilus.grid.internal.journal.Materializer;
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
 * <p>A facade over small parts: {@link StoreCaches} (the caches, their types registered), {@link StoreIdentity}
 * (which store the data is, its marker and format), {@link EpochFence} (the OMS leadership fence), and one
 * {@link WriteStrategy} chosen when the store opens: {@link DirectWrites} or {@link JournaledWrites}.
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
    /** The stored-order format, see {@link StoreIdentity#FORMAT}. */
    static final String META_FORMAT = "store.format";
    /** The journal sequence the caches cover (number) and the journal's store id (text). */
    static final String META_JOURNAL = "journal";
    /**
     * Commands per transaction of the materializer: the caches' fixed cost per transaction (~0.3 ms and a WAL
     * fsync) spread thin, while one transaction's locks and memory stay modest.
     */
    static final int MATERIALIZE_BATCH = 1024;
    /** The journal directory's identity file: the id of the store it belongs to. */
    static final String JOURNAL_ID_FILE = JournalFile.ID_FILE;

    private static final Logger LOG = LoggerFactory.getLogger(IgniteTradingStore.class);
    private static final Comparator<Position> POSITION_ORDER = Comparator.comparing(Position::portfolioId)
            .thenComparing(Position::instrumentId);

    private final StoreCaches caches;
    final BinaryCache<OrderId, StoredOrder> orders;
    final BinaryCache<EventKey, StoredEvents> events;
    final BinaryCache<ClientOrderId, OrderRef> clientIds;
    final BinaryCache<PositionKey, Position> positions;
    final BinaryCache<PortfolioKey, TradingStatus> tradingStates;
    final BinaryCache<PortfolioKey, DailyPnlBaseline> baselines;
    final BinaryCache<Sequence, AuditEntry> audit;
    final BinaryCache<String, Meta> meta;
    private final StoreIdentity identity;
    private final EpochFence fence;
    /** Chosen once, here: how a group becomes durable and where the orders are read from. */
    private final WriteStrategy writes;
    private final GroupCommit<Unit> commit;

    private IgniteTradingStore(Grid grid, StoreSettings settings) {
        caches = new StoreCaches(grid, settings);
        orders = caches.orders;
        events = caches.events;
        clientIds = caches.clientIds;
        positions = caches.positions;
        tradingStates = caches.tradingStates;
        baselines = caches.baselines;
        audit = caches.audit;
        meta = caches.meta;
        identity = new StoreIdentity(caches);
        fence = new EpochFence(caches);
        // A failure behind the journal stops the acknowledgements too (nobody holds the store yet).
        writes = settings.journaled(grid.settings())
                ? new JournaledWrites(caches, identity, fence, this::halt)
                : new DirectWrites(caches, fence);
        commit = new GroupCommit<>("nautilus-store", Unit::new, writes, settings.maxBatch(),
                settings.commitTimeout());
        if (grid.settings().persistenceEnabled()) {
            LOG.info("Nautilus store {} opened: {} order(s), {} position(s), {} audit entrie(s)", storeId(),
                    orderCount(), positions.sizeLong(), audit.sizeLong() + writes.eventCount());
        }
    }

    /** Stops the acknowledgements: the caches stopped following the journal. */
    private void halt(Throwable failure) {
        commit.halt(failure);
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

    public void maxBatch(int value) {
        commit.maxBatch(value);
    }

    public GroupCommit.Stats stats() {
        return commit.stats();
    }

    /** The id written when the store was first initialized (shared by every node of a cluster). */
    public String storeId() {
        return identity.storeId();
    }

    String node() {
        return caches.node;
    }

    GroupCommit<Unit> groupCommit() {
        return commit;
    }

    Grid grid() {
        return caches.grid;
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
        try (Transaction tx = caches.transaction(1)) {
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
     * then on refuses to commit OMS state (orders, events, positions) unless the stored epoch is still this one.
     *
     * @return the new epoch
     */
    public long acquireEpoch() {
        return fence.acquire(description());
    }

    /** This node no longer runs the OMS. */
    public void releaseEpoch() {
        fence.release();
    }

    /** The current epoch and the node that took it, as stored. */
    public Optional<Meta> epoch() {
        return fence.current();
    }

    // ------------------------------------------------------------------ positions and risk state

    @Override
    public void save(Position position) {
        commit.write(unit -> unit.positions.put(PositionKey.of(position), position));
    }

    @Override
    public Optional<Position> load(PortfolioId portfolio, InstrumentId instrument) {
        PositionKey key = new PositionKey(portfolio, instrument);
        Optional<Position> unwritten = writes.unwrittenPosition(key);
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
        writes.caughtUp();
    }

    @Override
    public void forEachOrder(Consumer<StoredOrder> action) {
        writes.forEachOrder(action);
    }

    @Override
    public Optional<StoredOrder> order(OrderId id) {
        return writes.order(id);
    }

    @Override
    public Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        return writes.orderId(clientOrderId);
    }

    @Override
    public List<OrderEvent> events(OrderId id) {
        return writes.events(id);
    }

    @Override
    public List<OrderEvent> eventsAfter(PortfolioId portfolio, long sequence) {
        return writes.eventsAfter(portfolio, sequence)
                .orElseGet(() -> TradingStore.super.eventsAfter(portfolio, sequence));
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
        return writes.orderCount();
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
        writes.caughtUp();
        return new long[] {writes.coveredJournalSequence(), caches.number(META_SEQUENCE)};
    }

    /** See {@link StoreIdentity#adoptRestored}. */
    static void adoptRestored(StoreSettings settings, boolean journaled, String storeId) throws IOException {
        StoreIdentity.adoptRestored(settings, journaled, storeId);
    }

    /** See {@link JournaledWrites#journalRecord}. */
    static ByteBuffer journalRecord(List<Unit> group, ByteBuffer buffer) {
        return JournaledWrites.journalRecord(group, buffer);
    }

    /**
     * The committed order events as the grid holds them, for a feed on any node; empty with the journal (the events
     * are journal records there, and the journal is for a single node, where the OMS's own subscribers serve).
     */
    public Optional<CommittedEventRows> committedEventRows() {
        return writes.journaled() ? Optional.empty() : Optional.of(new CommittedEventRows(caches));
    }

    /** The journaling store's orders, {@code null} without a journal. */
    OrderLog orderLog() {
        return writes.orderLog();
    }

    @Override
    public String description() {
        return writes.description(caches.grid.describe(), "group commit of up to " + commit.stats().maxBatch()
                + " commands");
    }

    /** The materializer's counters; {@code null} without a journal. */
    public Materializer.Stats materializerStats() {
        return writes.materializerStats();
    }

    /** Bytes appended to the journal since the store opened (0 without one; read by the committer's thread). */
    public long journalBytes() {
        return writes.journalBytes();
    }

    /** How long the journal's syncs took (the disk's share of an acknowledgement); {@code null} without one. */
    public Durations.Snapshot journalSyncTimes() {
        return writes.journalSyncTimes();
    }

    /** {@code true} if commands are acknowledged after the journal sync. */
    public boolean journaled() {
        return writes.journaled();
    }

    @Override
    public void close() {
        commit.close();
        writes.close();
    }
}
