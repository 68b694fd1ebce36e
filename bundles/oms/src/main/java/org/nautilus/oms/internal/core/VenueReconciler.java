package org.nautilus.oms.internal.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.venue.ExecutionReport;
import org.nautilus.api.venue.PositionDifference;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.ReconciliationReport.Outcome;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueConnectionListener;
import org.nautilus.api.venue.VenueExecution;
import org.nautilus.api.venue.VenueOrder;
import org.nautilus.api.venue.VenuePosition;
import org.nautilus.api.venue.VenueQuery;
import org.nautilus.oms.internal.routing.VenueDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the OMS with each venue on start (registration, recovery) and on every reconnect, the way trusted
 * platforms do: asks the venue for its open orders, its executions since our oldest open order there, and its
 * positions; books the fills we missed (deduplicated by execution id), gives orders the venue closed while we were
 * away their end (CANCELED), records orders the venue has and we did not send as external, and compares positions
 * with the OMS's fills at the venue. A difference beyond the tolerance blocks the venue for new orders until someone
 * acknowledges it. A query that fails is never read as "no orders" or "flat": the venue stays DISCONNECTED with the
 * reason until a later reconciliation succeeds.
 *
 * <p>While a venue reconciles it takes no new orders (the router skips it), so what it reports cannot race with
 * orders we are sending it. Each order's changes are applied on its partition's writer like any venue report.
 * Before it reads the OMS's side, the reconciliation waits until every report the venue delivered so far has been
 * applied ({@link OrderManager#applyQueued()}, not waiting for it to be durable): a fill reported just before the link dropped may still be queued on its
 * partition, and comparing positions without it is a false mismatch that blocks the venue.
 *
 * <p>Because it waits for the partition writers, a reconciliation never runs on a venue's thread: a venue may report
 * its reconnect while holding its own lock, which a writer sending it an order waits for. A reconnect is handed to
 * the reconciler's own thread, which runs the reconciliation on the configured executor.
 */
public final class VenueReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(VenueReconciler.class);
    /** How far before our oldest open order executions are asked for (clock differences with the venue). */
    static final Duration EXECUTIONS_MARGIN = Duration.ofMinutes(10);

    private final OrderManager manager;
    private final VenueDirectory directory;
    private final VenuePositions positions;
    private final Executor executor;
    /** Takes reconnects off the venue's thread; its thread starts at the first reconnect. */
    private final ExecutorService reconnects = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "nautilus-oms-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private final Clock clock;
    private final Map<VenueId, ReconciliationReport> reports = new ConcurrentHashMap<>();
    /** Differences someone accepted by an acknowledgement: venue position − OMS fills, per instrument. */
    private final Map<VenueId, Map<InstrumentId, Quantity>> accepted = new ConcurrentHashMap<>();
    private final Map<VenueId, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final Map<VenueId, AtomicLong> fillsBooked = new ConcurrentHashMap<>();
    private volatile Quantity tolerance = Quantity.ZERO;
    private volatile Consumer<ReconciliationReport> journal = report -> {};

    VenueReconciler(OrderManager manager, VenueDirectory directory, VenuePositions positions, Executor executor,
            Clock clock) {
        this.manager = manager;
        this.directory = directory;
        this.positions = positions;
        this.executor = executor;
        this.clock = clock;
    }

    /** The largest position difference per instrument that is reported without blocking the venue. */
    public void tolerance(Quantity value) {
        if (Objects.requireNonNull(value, "tolerance").raw() < 0) {
            throw new IllegalArgumentException("the position tolerance cannot be negative, got " + value);
        }
        tolerance = value;
    }

    public Quantity tolerance() {
        return tolerance;
    }

    /** Receives every report (and every acknowledged one), e.g. for the audit journal. Must not block long. */
    public void journal(Consumer<ReconciliationReport> value) {
        journal = Objects.requireNonNull(value, "journal");
    }

    /** The last report of each venue, sorted by venue. */
    public List<ReconciliationReport> reports() {
        return List.copyOf(new TreeMap<>(reports).values());
    }

    public Optional<ReconciliationReport> report(VenueId venue) {
        return Optional.ofNullable(reports.get(venue));
    }

    /** Reconciliations so far by venue and outcome ({@code "SIM/CLEAN"}), for metrics. */
    public Map<String, Long> outcomeCounts() {
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((key, count) -> counts.put(key, count.get()));
        return counts;
    }

    /** Missed fills booked by reconciliation so far, per venue, for metrics. */
    public Map<VenueId, Long> fillsBooked() {
        Map<VenueId, Long> counts = new TreeMap<>();
        fillsBooked.forEach((venue, count) -> counts.put(venue, count.get()));
        return counts;
    }

    // ------------------------------------------------------------------ lifecycle

    /** A venue registered: listen to its connection and reconcile with it. */
    void attach(VenueId id, Venue venue) {
        try {
            venue.connectionListener(new VenueConnectionListener() {
                @Override
                public void connected(VenueId reported) {
                    try {
                        reconnects.execute(() -> {
                            if (directory.get(id).orElse(null) == venue) {
                                LOG.info("venue {} connected; reconciling", id);
                                reconcile(id, venue);
                            }
                        });
                    } catch (RejectedExecutionException e) {
                        LOG.info("venue {} connected after the OMS stopped; not reconciled", id);
                    }
                }

                @Override
                public void disconnected(VenueId reported, String reason) {
                    if (directory.get(id).orElse(null) == venue) {
                        LOG.warn("venue {} disconnected: {}; no new orders go there until it reconnects", id, reason);
                        directory.state(id, VenueAvailability.DISCONNECTED, reason);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("venue {} refused a connection listener; it is reconciled on registration only", id, e);
        }
        reconcile(id, venue);
    }

    /** A venue went away: stop listening. Its last report stays (its open orders are still ours). */
    void detach(VenueId id, Venue venue) {
        try {
            venue.connectionListener(null);
        } catch (RuntimeException e) {
            LOG.debug("venue {} failed to drop its connection listener", id, e);
        }
    }

    /** Stops taking reconnects (the OMS stops). */
    void close() {
        reconnects.shutdownNow();
    }

    /**
     * Reconciles with the venue now, on the reconciliation executor. Must not be called on a partition writer's
     * thread or by a venue holding a lock its order entry needs (see the class comment): a venue's reconnect goes
     * through its connection listener.
     */
    public void reconcile(VenueId id, Venue venue) {
        directory.state(id, VenueAvailability.RECONCILING, "reconciling open orders, executions and positions");
        executor.execute(() -> {
            try {
                synchronized (locks.computeIfAbsent(id, v -> new Object())) {
                    if (directory.get(id).orElse(null) == venue) {
                        run(id, venue);
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("reconciliation with venue {} failed", id, e);
                fail(id, "reconciliation failed: " + e);
            }
        });
    }

    /** Accepts a BLOCKED venue's position differences as they are; the venue takes new orders again. */
    public CommandResult acknowledge(VenueId id, String by) {
        ReconciliationReport report = reports.get(id);
        if (directory.get(id).isEmpty()) {
            return CommandResult.refused("UNKNOWN_VENUE", "venue " + id + " is not registered", null);
        }
        if (report == null || report.outcome() != Outcome.BLOCKED
                || directory.state(id).availability() != VenueAvailability.BLOCKED) {
            return CommandResult.refused("NOT_BLOCKED", "venue " + id + " is not blocked by a reconciliation ("
                    + directory.state(id).availability() + "): nothing to acknowledge", null);
        }
        Map<InstrumentId, Quantity> accepts = accepted.computeIfAbsent(id, v -> new ConcurrentHashMap<>());
        for (PositionDifference difference : report.positions()) {
            accepts.merge(difference.instrumentId(), difference.difference(), Quantity::plus);
        }
        ReconciliationReport acknowledged = report.acknowledged(by);
        reports.put(id, acknowledged);
        directory.state(id, VenueAvailability.AVAILABLE, null);
        LOG.warn("venue {}: position differences {} acknowledged by {}; the venue takes new orders again", id,
                report.positions(), by);
        journal.accept(acknowledged);
        return CommandResult.accepted(null, "venue " + id + " acknowledged: " + report.positions().size()
                + " position difference(s) accepted; it takes new orders again");
    }

    // ------------------------------------------------------------------ the reconciliation

    private void run(VenueId id, Venue venue) {
        if (!venue.connected()) {
            directory.state(id, VenueAvailability.DISCONNECTED, "not connected; reconciles when it reconnects");
            return;
        }
        // Reports the venue delivered before now (the fill just before the link dropped) are applied first: its
        // answers are compared with an OMS that has seen everything the venue told it.
        manager.applyQueued();
        List<String> notes = new ArrayList<>();
        VenueQuery<List<VenueOrder>> open = ask(venue::openOrders);
        if (open.failed()) {
            fail(id, "open orders: " + open.reason());
            return;
        }
        List<Order> ours = manager.openAt(id);
        int booked = 0;
        List<OrderId> closed = new ArrayList<>();
        List<VenueOrder> external = new ArrayList<>();
        boolean discrepancy = false;
        if (!open.answered()) {
            notes.add(open.reason() + ": each recovered order was asked on its own");
            manager.reconcileEachRecovered(id, venue);
        } else {
            Map<OrderId, VenueOrder> openThere = new HashMap<>();
            Map<String, OrderId> byVenueOrderId = new HashMap<>();
            for (VenueOrder order : open.value()) {
                Optional<Order> known = order.orderId() == null ? Optional.empty() : manager.order(order.orderId());
                if (known.isEmpty()) {
                    external.add(order);
                    continue;
                }
                openThere.put(order.orderId(), order);
                byVenueOrderId.put(order.venueOrderId(), order.orderId());
                if (known.get().status().isTerminal()) {
                    discrepancy = true;
                    notes.add("order " + order.orderId() + " is " + known.get().status() + " here but open at the venue"
                            + " (venue order " + order.venueOrderId() + "): cancel it at the venue");
                }
            }
            Map<OrderId, List<ExecutionReport>> fills = new HashMap<>();
            boolean executionsKnown = true;
            if (!ours.isEmpty()) {
                // A margin for the venue's clock: an execution is matched by its order id, never by its time.
                Instant since = ours.stream().map(Order::createdAt).min(Instant::compareTo).orElseThrow()
                        .minus(EXECUTIONS_MARGIN);
                VenueQuery<List<VenueExecution>> executions = ask(() -> venue.executions(since));
                if (executions.failed()) {
                    fail(id, "executions since " + since + ": " + executions.reason());
                    return;
                }
                if (executions.answered()) {
                    for (VenueExecution execution : executions.value()) {
                        OrderId orderId = execution.orderId() != null ? execution.orderId()
                                : byVenueOrderId.get(execution.venueOrderId());
                        if (orderId != null) {
                            fills.computeIfAbsent(orderId, o -> new ArrayList<>()).add(execution.toFill(orderId, id));
                        }
                    }
                } else {
                    executionsKnown = false;
                    notes.add(executions.reason() + ": missed fills cannot be booked, and orders no longer open at the"
                            + " venue are left open here (they may have filled): check them and cancel");
                }
            }
            for (Order order : ours) {
                boolean stillOpen = openThere.containsKey(order.id());
                List<ExecutionReport> missed = new ArrayList<>(fills.getOrDefault(order.id(), List.of()));
                missed.sort(Comparator.comparing(ExecutionReport::timestamp));
                OrderManager.Reconciled result = manager.applyReconciled(venue, id, order.id(), missed,
                        stillOpen || !executionsKnown, "closed at venue " + id
                                + " while we were not connected: not among its open orders at reconciliation");
                booked += result.fillsBooked();
                if (result.closed()) {
                    closed.add(order.id());
                }
                if (!stillOpen && !executionsKnown) {
                    discrepancy = true;
                }
                VenueOrder there = openThere.get(order.id());
                Quantity filledHere = manager.order(order.id()).map(Order::filledQuantity).orElse(Quantity.ZERO);
                if (there != null && there.filledQuantity().compareTo(filledHere) != 0) {
                    discrepancy = true;
                    notes.add("order " + order.id() + ": the venue reports " + there.filledQuantity().toString()
                            + " filled, the OMS has " + filledHere.toString()
                            + " (executions missing from the venue's answer)");
                }
            }
        }
        VenueQuery<List<VenuePosition>> held = ask(venue::positions);
        if (held.failed()) {
            fail(id, "positions: " + held.reason());
            return;
        }
        List<PositionDifference> differences = new ArrayList<>();
        boolean beyondTolerance = false;
        if (held.answered()) {
            // Again: fills reported while the venue was answering are in its positions, so they must be in ours.
            manager.applyQueued();
            Map<InstrumentId, Quantity> expected = expected(id);
            Map<InstrumentId, Quantity> reported = new TreeMap<>();
            for (VenuePosition position : held.value()) {
                reported.merge(position.instrumentId(), position.quantity(), Quantity::plus);
            }
            TreeSet<InstrumentId> instruments = new TreeSet<>(expected.keySet());
            instruments.addAll(reported.keySet());
            Quantity limit = tolerance;
            for (InstrumentId instrument : instruments) {
                PositionDifference difference = new PositionDifference(instrument,
                        reported.getOrDefault(instrument, Quantity.ZERO),
                        expected.getOrDefault(instrument, Quantity.ZERO));
                if (!difference.difference().isZero()) {
                    differences.add(difference);
                    beyondTolerance |= difference.difference().abs().compareTo(limit) > 0;
                }
            }
        } else {
            notes.add(held.reason() + ": positions not compared");
        }
        Outcome outcome = beyondTolerance ? Outcome.BLOCKED
                : discrepancy || !external.isEmpty() || !differences.isEmpty() ? Outcome.REPORTED : Outcome.CLEAN;
        ReconciliationReport report = new ReconciliationReport(id, clock.instant(), outcome, booked, closed, external,
                differences, notes, null, null);
        fillsBooked.computeIfAbsent(id, v -> new AtomicLong()).addAndGet(booked);
        if (outcome == Outcome.BLOCKED) {
            directory.state(id, VenueAvailability.BLOCKED, "position mismatch beyond tolerance "
                    + tolerance.toString() + ": " + describe(differences)
                    + "; acknowledge with nautilus:reconcile --ack "
                    + id);
        } else if (!venue.connected()) {
            directory.state(id, VenueAvailability.DISCONNECTED, "disconnected while reconciling");
        } else {
            directory.state(id, VenueAvailability.AVAILABLE, null);
        }
        finish(report);
    }

    private Map<InstrumentId, Quantity> expected(VenueId id) {
        Map<InstrumentId, Quantity> expected = new LinkedHashMap<>(positions.at(id));
        accepted.getOrDefault(id, Map.of())
                .forEach((instrument, difference) -> expected.merge(instrument, difference, Quantity::plus));
        return expected;
    }

    private static String describe(List<PositionDifference> differences) {
        StringBuilder s = new StringBuilder();
        for (PositionDifference d : differences) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(d.instrumentId()).append(" venue ").append(d.venue().toString()).append(" vs OMS ")
                    .append(d.expected().toString());
        }
        return s.toString();
    }

    private void fail(VenueId id, String reason) {
        directory.state(id, VenueAvailability.DISCONNECTED, "reconciliation failed (" + reason
                + "); not read as flat: no new orders until a reconciliation succeeds (on reconnect or"
                + " nautilus:reconcile --run " + id + ")");
        finish(new ReconciliationReport(id, clock.instant(), Outcome.FAILED, 0, List.of(), List.of(), List.of(),
                List.of(), reason, null));
    }

    private void finish(ReconciliationReport report) {
        reports.put(report.venueId(), report);
        outcomes.computeIfAbsent(report.venueId() + "/" + report.outcome(), k -> new AtomicLong()).incrementAndGet();
        if (report.outcome() == Outcome.CLEAN) {
            LOG.info("venue {} reconciled: {}", report.venueId(), report.summary());
        } else {
            LOG.warn("venue {} reconciled: {}; notes {}; external {}; positions {}", report.venueId(), report.summary(),
                    report.notes(), report.externalOrders(), report.positions());
        }
        try {
            journal.accept(report);
        } catch (RuntimeException e) {
            LOG.error("recording the reconciliation of venue {} failed", report.venueId(), e);
        }
    }

    private static <T> VenueQuery<T> ask(Supplier<VenueQuery<T>> query) {
        try {
            return Objects.requireNonNull(query.get(), "the venue answered null");
        } catch (RuntimeException e) {
            return VenueQuery.failed(e.toString());
        }
    }
}
