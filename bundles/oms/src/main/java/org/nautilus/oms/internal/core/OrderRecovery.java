package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.CANCELED;
import static org.nautilus.api.domain.OrderStatus.EXPIRED;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.venue.ExecType;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.Venue;
import org.nautilus.oms.internal.routing.VenueDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the OMS from its store at start (three passes, so memory holds the orders kept, not every order ever
 * stored), and applies what a venue says about the recovered orders that were open there when it registers.
 */
final class OrderRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(OrderRecovery.class);

    private final Clock clock;
    private final StoreGateway store;
    private final LiveOrders live;
    private final Retention retention;
    private final VenuePositions venuePositions;
    private final VenueDirectory venues;
    private final ExecutionReports reports;

    OrderRecovery(Clock clock, StoreGateway store, LiveOrders live, Retention retention,
            VenuePositions venuePositions, VenueDirectory venues, ExecutionReports reports) {
        this.clock = clock;
        this.store = store;
        this.live = live;
        this.retention = retention;
        this.venuePositions = venuePositions;
        this.venues = venues;
        this.reports = reports;
    }

    /** See {@link OrderManager#recover()}. */
    OrderManager.Recovery recover(VenueReconciler reconciler) {
        if (!store.durable()) {
            return new OrderManager.Recovery(0, 0, 0, -1);
        }
        if (!live.orders.isEmpty()) {
            throw new IllegalStateException("recover() must run before the first order");
        }
        // Three passes over the store, so that memory holds the orders kept, not every order ever stored (millions
        // after a busy day: ~0.5 KB each). First: which orders are still open (a finished order linked to one of
        // them is not settled).
        Set<OrderId> openIds = new HashSet<>();
        long[] storedCount = {0};
        // Every client-visible event of a portfolio was numbered, so its last sequence is the sum of its orders'.
        Map<PortfolioId, Long> sequences = new HashMap<>();
        store.store().forEachOrder(o -> {
            storedCount[0]++;
            venuePositions.add(o.order());
            if (!o.order().status().isTerminal()) {
                openIds.add(o.id());
            }
            if (!o.internal()) {
                sequences.merge(o.order().portfolioId(), (long) o.version(), Long::sum);
            }
        });
        sequences.forEach((portfolio, last) -> live.partitionOf(portfolio).outbox.resume(portfolio, last));
        // Second: every unsettled top-level order, and the most recent finished ones per partition.
        List<OmsStoredOrder> keep = new ArrayList<>();
        List<PriorityQueue<OmsStoredOrder>> newest = new ArrayList<>();
        for (int i = 0; i < live.partitions().length; i++) {
            newest.add(new PriorityQueue<>(Comparator.comparing(OmsStoredOrder::id)));
        }
        int perPartition = retention.retainedPerPartition();
        store.store().forEachOrder(stored -> {
            if (stored.internal()) {
                return;
            }
            OmsStoredOrder o = OmsStoredOrder.of(stored);
            if (!settled(o, openIds)) {
                keep.add(o);
                return;
            }
            PriorityQueue<OmsStoredOrder> done = newest.get(live.partitionOf(o.order().portfolioId()).index);
            done.add(o);
            if (done.size() > perPartition) {
                done.poll();
            }
        });
        newest.forEach(keep::addAll);
        // Third: the internal orders (split parts) of the orders kept.
        Set<OrderId> kept = new HashSet<>();
        keep.forEach(o -> kept.add(o.id()));
        store.store().forEachOrder(stored -> {
            if (stored.internal()) {
                OmsStoredOrder o = OmsStoredOrder.of(stored);
                if (kept.contains(o.parent())) {
                    keep.add(o);
                }
            }
        });
        long stored = storedCount[0];
        keep.sort(Comparator.comparing(OmsStoredOrder::id));

        Map<OrderId, OrderRecord> rebuilt = new HashMap<>();
        for (OmsStoredOrder o : keep) {
            rebuilt.put(o.id(), rebuild(o));
        }
        for (OmsStoredOrder o : keep) {
            relink(o, rebuilt);
        }
        int open = 0;
        for (OmsStoredOrder o : keep) {
            OrderRecord record = rebuilt.get(o.id());
            live.orders.put(record.id, record);
            if (!record.internal()) {
                live.byClientId.put(record.request().clientOrderId(), record.id);
            }
            if (record.status().isOpen() && record.splitParts == null) {
                record.awaitingReconcile = true;
                open++;
            }
        }
        for (OmsStoredOrder o : keep) {
            OrderRecord record = rebuilt.get(o.id());
            if (!record.internal() && record.status().isTerminal()) {
                retention.retire(record);
            }
        }
        retention.storeMayKnowMore(stored > keep.size());
        long next = stored == 0 ? -1 : store.peekNextId();
        LOG.info("OMS recovered from {}: {} stored order(s), {} in memory, {} open at venues to reconcile",
                store.store().description(), stored, keep.size(), open);
        for (VenueId id : venues.ids()) {
            venues.get(id).ifPresent(venue -> reconciler.reconcile(id, venue));
        }
        return new OrderManager.Recovery(stored, keep.size(), open, next);
    }

    /**
     * Settled as {@link Retention}'s settled, judged on stored orders: finished, and so are the orders it triggers,
     * shares an OCO group with or was split into ({@code open}: the ids of the unfinished ones).
     */
    private static boolean settled(OmsStoredOrder o, Set<OrderId> open) {
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

    private OrderRecord rebuild(OmsStoredOrder o) {
        PartitionAgent partition = live.partitionOf(o.order().portfolioId());
        OrderStatus status = o.order().status();
        // Finished orders that cannot trade again keep their history in the store; the others need it here (a
        // late fill after a cancel is booked on the exact average price, executions are deduplicated by id).
        boolean history = !status.isTerminal()
                || ((status == CANCELED || status == EXPIRED) && !o.order().filledQuantity().isZero());
        OrderRecord[] self = new OrderRecord[1];
        OrderRecord record = new OrderRecord(o, partition,
                report -> partition.post(() -> reports.onReport(self[0], report)),
                history ? store.fills(o.id()) : null, history ? store.events(o.id()) : null);
        self[0] = record;
        return record;
    }

    private static void relink(OmsStoredOrder o, Map<OrderId, OrderRecord> rebuilt) {
        OrderRecord record = rebuilt.get(o.id());
        if (o.parent() != null) {
            OrderRecord parent = rebuilt.get(o.parent());
            if (parent == null) {
                LOG.error("order {} is a part of order {}, which is not in the store; kept on its own", o.id(),
                        o.parent());
            } else {
                record.splitParent = parent;
                List<OrderRecord> parts = parent.splitParts == null ? new ArrayList<>()
                        : new ArrayList<>(parent.splitParts);
                parts.add(record);
                parent.splitParts = parts;
            }
        }
        if (o.triggeredBy() != null) {
            OrderRecord parent = rebuilt.get(o.triggeredBy());
            if (parent != null) {
                record.triggeredBy = parent;
                List<OrderRecord> triggers = parent.triggers == null ? new ArrayList<>()
                        : new ArrayList<>(parent.triggers);
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
        for (OrderRecord record : live.orders.values()) {
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
        for (OrderRecord record : live.orders.values()) {
            if (record.splitParts == null && id.equals(record.request().venueId()) && record.status().isOpen()) {
                open.add(record.snapshot());
            }
        }
        open.sort(Comparator.comparing(Order::id));
        return open;
    }

    /** See {@link OrderManager#applyReconciled}. */
    OrderManager.Reconciled applyReconciled(Venue venue, VenueId id, OrderId orderId, List<ExecutionReport> fills,
            boolean openAtVenue, String closeReason) {
        OrderRecord record = live.orders.get(orderId);
        if (record == null) {
            return new OrderManager.Reconciled(0, false);
        }
        return record.partition.call(() -> {
            record.awaitingReconcile = false;
            record.venue = venue;
            int booked = 0;
            for (ExecutionReport fill : fills) {
                Quantity before = record.snapshot().filledQuantity();
                reports.onReport(record, fill);
                if (!record.snapshot().filledQuantity().equals(before)) {
                    booked++;
                }
            }
            boolean closed = false;
            if (!openAtVenue && record.status().isOpen()) {
                reports.onReport(record, ExecutionReport.of(orderId, id, ExecType.CANCELED, "reconcile-" + orderId,
                        closeReason, clock.instant()));
                closed = record.status().isTerminal();
            }
            return new OrderManager.Reconciled(booked, closed);
        });
    }
}
