package org.nautilus.grid.internal.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.ignite.IgniteBinary;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.binary.BinaryObjectBuilder;
import org.apache.ignite.cluster.ClusterTopologyException;
import org.apache.ignite.internal.cluster.ClusterTopologyCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxHeuristicCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxRollbackCheckedException;
import org.apache.ignite.internal.transactions.IgniteTxTimeoutCheckedException;
import org.apache.ignite.transactions.Transaction;
import org.apache.ignite.transactions.TransactionHeuristicException;
import org.apache.ignite.transactions.TransactionRollbackException;
import org.apache.ignite.transactions.TransactionTimeoutException;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.grid.internal.journal.Durations;
import org.nautilus.grid.internal.journal.Materializer;
import org.nautilus.grid.internal.store.OrderCodecs.EventKey;
import org.nautilus.grid.internal.store.OrderCodecs.OrderRef;
import org.nautilus.grid.internal.store.OrderCodecs.StoredEvents;
import org.nautilus.grid.internal.store.PositionCodecs.PositionKey;
import org.nautilus.grid.internal.store.StateCodecs.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Without a journal: a group of units is one Ignite transaction over every cache it touches (orders, events,
 * idempotency keys, positions, risk state, audit entries and the audit sequence), and a command is acknowledged once
 * it committed. Orders, events and idempotency keys are rows of their own, read straight from the caches.
 */
final class DirectWrites implements WriteStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(DirectWrites.class);

    private final StoreCaches caches;
    private final EpochFence fence;

    DirectWrites(StoreCaches caches, EpochFence fence) {
        this.caches = caches;
        this.fence = fence;
    }

    /** A unit's writes in their stored form, encoded by {@link #prepare} on the thread that hands it over. */
    private static final class Encoded {
        final Map<BinaryObject, BinaryObject> orders = new HashMap<>();
        final List<BinaryObject> eventKeys = new ArrayList<>();
        /** Per key: the order's events in this unit. */
        final List<OrderCodecs.EncodedEvents> eventBodies = new ArrayList<>();
        final Map<BinaryObject, BinaryObject> clientIds = new HashMap<>();
        final Map<BinaryObject, BinaryObject> positions = new HashMap<>();
    }

    /**
     * Encodes a unit (the costly part: orders and events in the journal's encoding, keys as binary objects) on the OMS
     * writer's thread, so that the committer thread only writes; an order's events share the encoding of its request.
     */
    @Override
    public void prepare(Unit unit) {
        Encoded e = new Encoded();
        for (StoredOrder order : unit.orders.values()) {
            e.orders.put(caches.orders.encodeKey(order.id()), caches.orders.encodeValue(order));
        }
        Map<OrderId, List<OrderEvent>> byOrder = new LinkedHashMap<>();
        for (OrderEvent event : unit.events) {
            byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>(4)).add(event);
        }
        for (List<OrderEvent> orderEvents : byOrder.values()) {
            OrderEvent first = orderEvents.get(0);
            e.eventKeys.add(caches.events.encodeKey(new EventKey(first.orderId(), first.version())));
            e.eventBodies.add(OrderCodecs.EncodedEvents.of(orderEvents));
        }
        for (OrderEvent event : unit.events) {
            if (event.version() == 1) {
                StoredOrder order = unit.orders.get(event.orderId());
                if (order != null && !order.internal()) {
                    e.clientIds.put(caches.clientIds.encodeKey(event.order().clientOrderId()),
                            caches.clientIds.encodeValue(new OrderRef(event.orderId())));
                }
            }
        }
        for (Map.Entry<PositionKey, Position> position : unit.positions.entrySet()) {
            e.positions.put(caches.positions.encodeKey(position.getKey()),
                    caches.positions.encodeValue(position.getValue()));
        }
        unit.encoded = e;
    }

    /**
     * Writes one group in one transaction. A transaction that failed for a passing reason (it timed out behind a
     * partition-map exchange while a node left or joined, the topology changed under it, it was rolled back for an
     * exchange) wrote nothing, and is tried again, each attempt bounded by a third of the commit timeout, until the
     * commit timeout has passed: stopping the store at the first such failure stopped the OMS until it moved to
     * another node (a rolling restart's 56-66 s pauses while a follower restarted). Anything else, the epoch fence
     * among it, fails the group at once.
     */
    @Override
    public void write(List<Unit> group) throws InterruptedException {
        long budgetMs = caches.settings.commitTimeout().toMillis();
        long start = System.nanoTime();
        long pauseMs = 20;
        for (int attempt = 1;; attempt++) {
            long left = budgetMs - (System.nanoTime() - start) / 1_000_000;
            try {
                writeOnce(group, Math.max(1000, Math.min(left, budgetMs / 3)));
                if (attempt > 1) {
                    LOG.info("nautilus-store: a group of {} unit(s) committed at attempt {}, {} ms after the first",
                            group.size(), attempt, (System.nanoTime() - start) / 1_000_000);
                }
                return;
            } catch (RuntimeException e) {
                if (!rolledBackWhole(e) || left - pauseMs <= 0) {
                    throw e;
                }
                LOG.warn("nautilus-store: a group's transaction failed and wrote nothing ({}); trying again in {} ms "
                        + "(attempt {}, {} ms left)", abbreviated(e), pauseMs, attempt, left);
                Thread.sleep(pauseMs);
                pauseMs = Math.min(1000, pauseMs * 2);
            }
        }
    }

    /**
     * {@code true} if {@code failure} says the transaction ended without writing anything, for a reason that passes
     * (a timeout, a rollback for a partition-map exchange, a topology change); never for an outcome Ignite could
     * not settle (heuristic) or the store's own refusals (the epoch fence).
     */
    static boolean rolledBackWhole(Throwable failure) {
        boolean passing = false;
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TransactionHeuristicException || e instanceof IgniteTxHeuristicCheckedException
                    || e instanceof StoreException) {
                return false;
            }
            // The public exceptions and the internal ones they wrap (a cache operation in a transaction throws a
            // CacheException around either).
            passing |= e instanceof TransactionTimeoutException || e instanceof TransactionRollbackException
                    || e instanceof ClusterTopologyException || e instanceof IgniteTxTimeoutCheckedException
                    || e instanceof IgniteTxRollbackCheckedException || e instanceof ClusterTopologyCheckedException;
        }
        return passing;
    }

    /** Ignite's messages carry the whole transaction's state: its first 300 characters say what happened. */
    private static String abbreviated(Throwable e) {
        String text = e.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private void writeOnce(List<Unit> group, long timeoutMs) {
        IgniteBinary binary = caches.grid.ignite().binary();
        int sequenced = 0;
        int size = 1;
        boolean omsState = false;
        for (Unit unit : group) {
            sequenced += unit.sequenced();
            size += unit.size();
            omsState |= StoreCaches.carriesOmsState(unit);
        }
        Map<BinaryObject, BinaryObject> orderEntries = BinaryCache.sortedMap();
        Map<BinaryObject, BinaryObject> eventEntries = BinaryCache.sortedMap();
        Map<BinaryObject, BinaryObject> clientEntries = BinaryCache.sortedMap();
        Map<BinaryObject, BinaryObject> positionEntries = BinaryCache.sortedMap();
        StoreCaches.RiskAndAudit rows = caches.new RiskAndAudit();
        try (Transaction tx = caches.transaction(size, timeoutMs)) {
            fence.check(omsState);
            if (sequenced > 0) {
                // Read under the transaction's lock: every node's committer numbers its entries after the others'.
                long next = caches.number(IgniteTradingStore.META_SEQUENCE);
                caches.meta.put(IgniteTradingStore.META_SEQUENCE, new Meta(next + sequenced, null));
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
                    OrderCodecs.EncodedEvents events = e.eventBodies.get(i);
                    BinaryObjectBuilder wrapper = binary.builder(OrderCodecs.JOURNALED_EVENTS);
                    OrderCodecs.wrap(wrapper, sequence + 1, caches.node, events);
                    sequence += events.count();
                    eventEntries.put(e.eventKeys.get(i), wrapper.build());
                }
                clientEntries.putAll(e.clientIds);
                positionEntries.putAll(e.positions);
                rows.add(unit);
            }
            caches.orders.putAllEncoded(orderEntries);
            caches.events.putAllEncoded(eventEntries);
            caches.clientIds.putAllEncoded(clientEntries);
            caches.positions.putAllEncoded(positionEntries);
            rows.write();
            tx.commit();
        }
    }

    @Override
    public Optional<StoredOrder> order(OrderId id) {
        return caches.orders.get(id);
    }

    @Override
    public Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        return caches.clientIds.get(clientOrderId).map(OrderRef::id);
    }

    @Override
    public List<OrderEvent> events(OrderId id) {
        Optional<StoredOrder> order = caches.orders.get(id);
        if (order.isEmpty()) {
            return new ArrayList<>();
        }
        List<EventKey> keys = new ArrayList<>(order.get().version());
        for (int v = 1; v <= order.get().version(); v++) {
            keys.add(new EventKey(id, v));
        }
        // One entry per unit of work that changed the order, under the version of its first event.
        List<OrderEvent> result = new ArrayList<>(keys.size());
        for (StoredEvents stored : caches.events.getAll(keys)) {
            result.addAll(stored.events());
        }
        return result;
    }

    @Override
    public void forEachOrder(Consumer<StoredOrder> action) {
        caches.orders.forEach(action);
    }

    /** The events are keyed by order: read order by order. */
    @Override
    public Optional<List<OrderEvent>> eventsAfter(PortfolioId portfolio, long sequence) {
        return Optional.empty();
    }

    @Override
    public long orderCount() {
        return caches.orders.sizeLong();
    }

    @Override
    public long eventCount() {
        return caches.events.sizeLong();
    }

    /** Acknowledged means in the caches. */
    @Override
    public Optional<Position> unwrittenPosition(PositionKey key) {
        return Optional.empty();
    }

    @Override
    public void caughtUp() {
    }

    @Override
    public long coveredJournalSequence() {
        return 0;
    }

    @Override
    public boolean journaled() {
        return false;
    }

    @Override
    public OrderLog orderLog() {
        return null;
    }

    @Override
    public Materializer.Stats materializerStats() {
        return null;
    }

    @Override
    public Durations.Snapshot journalSyncTimes() {
        return null;
    }

    @Override
    public long journalBytes() {
        return 0;
    }

    @Override
    public String description(String grid, String grouping) {
        return "ignite (" + grid + ", " + grouping + ")";
    }

    @Override
    public void close() {
    }
}
