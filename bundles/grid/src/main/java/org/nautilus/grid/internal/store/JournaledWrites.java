package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.IgniteTradingStore.GROUP;
import static org.nautilus.grid.internal.store.IgniteTradingStore.MATERIALIZE_BATCH;
import static org.nautilus.grid.internal.store.IgniteTradingStore.META_JOURNAL;
import static org.nautilus.grid.internal.store.IgniteTradingStore.META_SEQUENCE;
import static org.nautilus.grid.internal.store.IgniteTradingStore.ORDER_LOG;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.transactions.Transaction;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.journal.Durations;
import org.nautilus.grid.internal.journal.JournalFile;
import org.nautilus.grid.internal.journal.Materializer;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;
import org.nautilus.grid.internal.store.StateCodecs.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With the store's own journal: a group of units is one journal record, fsynced, then acknowledged, and written
 * behind into the caches by a {@link Materializer}: each record as one {@value IgniteTradingStore#ORDER_LOG} row
 * (the orders, events and idempotency keys, see {@link OrderLog}), the positions, risk state and audit entries as
 * rows of their own. What is acknowledged but not yet in the caches is kept {@link Pending} for the reads that must
 * see it at once.
 */
final class JournaledWrites implements WriteStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(JournaledWrites.class);

    private final StoreCaches caches;
    private final EpochFence fence;
    private final String storeId;
    private final OrderLog orderLog;
    private final JournalFile journal;
    private final Materializer<Unit> materializer;
    private final Pending pending = new Pending();
    /** The committer's: the last journal record and audit sequence number given out. */
    private long journalSequence;
    private long auditSequence;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    /**
     * Opens the order log and the journal, and writes what the journal holds beyond the caches into them (a crash's
     * leftovers), so that the caches are complete before anyone reads them.
     *
     * @param halt called if the caches stop following the journal: nothing more may be acknowledged
     */
    JournaledWrites(StoreCaches caches, StoreIdentity identity, EpochFence fence, Consumer<Throwable> halt) {
        this.caches = caches;
        this.fence = fence;
        this.storeId = identity.storeId();
        @SuppressWarnings({"unchecked", "rawtypes"})
        IgniteCache<Long, byte[]> log = (IgniteCache) caches.grid.ignite()
                .getOrCreateCache((CacheConfiguration) GridCaches.transactional(ORDER_LOG, GROUP,
                        caches.grid.settings(), Long.class.getName(), null));
        orderLog = new OrderLog(log);
        orderLog.load();
        identity.checkJournal(caches.settings.journalDirectory());
        journal = openJournal();
        auditSequence = caches.number(META_SEQUENCE);
        journalSequence = journal.lastSequence();
        materializer = new Materializer<>("nautilus-store", new Materializer.Sink<>() {
            @Override
            public void write(List<Materializer.Group<Unit>> batch) {
                writeRecords(batch);
            }

            @Override
            public void written(List<Materializer.Group<Unit>> batch) {
                for (Materializer.Group<Unit> group : batch) {
                    pending.remove(group.units());
                }
                // Listing the directory per batch is not free; a segment holds thousands of records.
                long sequence = batch.get(batch.size() - 1).journalSequence();
                if (batch.get(0).journalSequence() / 64 != sequence / 64) {
                    journal.deleteUpTo(sequence);
                }
            }
        }, MATERIALIZE_BATCH, caches.settings.materializeMaxLag(), halt);
    }

    // ------------------------------------------------------------------ the committer's side

    /** The caller encodes its unit for the journal while the committer syncs the group before. */
    @Override
    public void prepare(Unit unit) {
        unit.journalBytes = UnitCodec.encode(unit);
    }

    /** A group is one journal record, synced, then handed to the materializer. */
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
        materializer.add(new Materializer.Group<>(units, journalSequence, record));
    }

    /**
     * A group as one journal record: {@code [int units]} then per unit {@code [long firstSequence][int length]
     * [UnitCodec bytes]}, in {@code buffer} if it is large enough (flipped, ready to append).
     */
    static ByteBuffer journalRecord(List<Unit> group, ByteBuffer buffer) {
        int size = 4;
        for (Unit unit : group) {
            size += 12 + unit.journalBytes.length;
        }
        ByteBuffer out = buffer.capacity() >= size ? buffer.clear()
                : ByteBuffer.allocate(Math.max(size, buffer.capacity() * 2));
        out.putInt(group.size());
        for (Unit unit : group) {
            out.putLong(unit.firstSequence).putInt(unit.journalBytes.length).put(unit.journalBytes);
        }
        return out.flip();
    }

    /**
     * Writes journal records in one transaction: each as one {@value IgniteTradingStore#ORDER_LOG} row, the
     * positions they move (each once, at its latest), risk state and audit entries as rows of their own, and the
     * journal sequence covered.
     */
    private void writeRecords(List<Materializer.Group<Unit>> batch) {
        Map<Long, byte[]> records = new TreeMap<>();
        Map<PositionKey, Position> moved = new LinkedHashMap<>();
        StoreCaches.RiskAndAudit rows = caches.new RiskAndAudit();
        boolean omsState = false;
        Unit lastUnit = null;
        for (Materializer.Group<Unit> group : batch) {
            records.put(group.journalSequence(), group.record());
            for (Unit unit : group.units()) {
                omsState |= StoreCaches.carriesOmsState(unit);
                moved.putAll(unit.positions);
                rows.add(unit);
                lastUnit = unit;
            }
        }
        Map<BinaryObject, BinaryObject> positionEntries = BinaryCache.sortedMap();
        moved.forEach((k, v) -> positionEntries.put(caches.positions.encodeKey(k), caches.positions.encodeValue(v)));
        try (Transaction tx = caches.transaction(records.size() + positionEntries.size() + rows.size() + 3)) {
            fence.check(omsState);
            caches.meta.put(META_SEQUENCE, new Meta(lastUnit.firstSequence + lastUnit.sequenced(), null));
            caches.meta.put(META_JOURNAL, new Meta(batch.get(batch.size() - 1).journalSequence(), storeId));
            orderLog.cache().putAll(records);
            caches.positions.putAllEncoded(positionEntries);
            rows.write();
            tx.commit();
        }
    }

    /** Opens the journal and replays what it holds beyond the caches' sequence into them. */
    private JournalFile openJournal() {
        Path directory = caches.settings.journalDirectory();
        Optional<Meta> covered = caches.meta.get(META_JOURNAL);
        long after = covered.map(Meta::number).orElse(0L);
        List<Materializer.Group<Unit>> replayed = new ArrayList<>();
        int[] units = {0};
        long[] last = {after};
        long[] count = {0};
        long started = System.nanoTime();
        JournalFile opened = JournalFile.open(directory, (long) caches.settings.journalSegmentMb() << 20, after,
                (sequence, payload) -> {
                    byte[] record = new byte[payload.remaining()];
                    payload.duplicate().get(record);
                    List<Unit> decoded = OrderLog.units(payload);
                    orderLog.index(sequence, decoded);
                    replayed.add(new Materializer.Group<>(decoded, sequence, record));
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
            caches.meta.put(META_JOURNAL, new Meta(last[0], storeId));
        }
        opened.deleteUpTo(last[0]);
        return opened;
    }

    // ------------------------------------------------------------------ reads: pending first, then the caches

    @Override
    public Optional<StoredOrder> order(OrderId id) {
        Optional<StoredOrder> unwritten = pending.order(id);
        return unwritten.isPresent() ? unwritten : orderLog.order(id);
    }

    @Override
    public Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        Optional<OrderId> unwritten = pending.orderId(clientOrderId);
        return unwritten.isPresent() ? unwritten : orderLog.orderId(clientOrderId);
    }

    /** The stored events, then those acknowledged but not yet in the caches (read first: none is missed). */
    @Override
    public List<OrderEvent> events(OrderId id) {
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

    @Override
    public void forEachOrder(Consumer<StoredOrder> action) {
        caughtUp();
        orderLog.forEachOrder(action);
    }

    /** The records once, in commit order, instead of every order's events. */
    @Override
    public Optional<List<OrderEvent>> eventsAfter(PortfolioId portfolio, long sequence) {
        caughtUp();
        List<OrderEvent> found = new ArrayList<>();
        orderLog.forEachEvent((journalSequence, event) -> {
            if (event.sequence() > sequence && event.portfolioId().equals(portfolio)) {
                found.add(event);
            }
        });
        // Commit order is sequence order within a portfolio, but a unit's events may interleave portfolios.
        found.sort(Comparator.comparingLong(OrderEvent::sequence));
        return Optional.of(found);
    }

    @Override
    public long orderCount() {
        return orderLog.orderCount();
    }

    @Override
    public long eventCount() {
        return orderLog.eventCount();
    }

    @Override
    public Optional<Position> unwrittenPosition(PositionKey key) {
        return pending.position(key);
    }

    /** A few milliseconds at most when the caches keep up; up to the materialization lag after a burst. */
    @Override
    public void caughtUp() {
        materializer.awaitWritten(caches.settings.commitTimeout());
    }

    @Override
    public long coveredJournalSequence() {
        return caches.number(META_JOURNAL);
    }

    @Override
    public boolean journaled() {
        return true;
    }

    @Override
    public OrderLog orderLog() {
        return orderLog;
    }

    @Override
    public Materializer.Stats materializerStats() {
        return materializer.stats();
    }

    @Override
    public Durations.Snapshot journalSyncTimes() {
        return journal.syncTimes();
    }

    /** Read by the committer's thread. */
    @Override
    public long journalBytes() {
        return journal.appended();
    }

    @Override
    public String description(String grid, String grouping) {
        return "ignite (" + grid + ", written behind journal " + journal.directory() + ": fsync, " + grouping
                + "; orders as journal records in " + ORDER_LOG + ")";
    }

    @Override
    public void close() {
        materializer.close();
        journal.close();
    }
}
