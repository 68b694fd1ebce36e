package org.nautilus.oms.internal.core;

import static org.nautilus.api.domain.OrderStatus.DENIED;
import static org.nautilus.api.domain.OrderStatus.INITIALIZED;
import static org.nautilus.api.domain.OrderStatus.REJECTED;
import static org.nautilus.api.domain.OrderStatus.SUBMITTED;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.RejectCode;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.ContingencyType;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.risk.RiskDecision;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.venue.RouteAllocation;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.oms.internal.routing.DecisionLog;
import org.nautilus.oms.internal.routing.OrderRouter;
import org.nautilus.oms.internal.routing.VenueDirectory;
import org.nautilus.oms.internal.routing.VenueStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer's path of a new order (or contingent list), on its partition's writer: idempotency by client order
 * id, instrument validation, pre-trade risk, routing (one venue, or one part per venue of a split), and the hand
 * over to the venue(s); also the release of an order an OTO held back.
 */
final class NewOrders {

    private static final Logger LOG = LoggerFactory.getLogger(NewOrders.class);

    private final Clock clock;
    private final OrderValidator validator;
    private final RiskService risk;
    private final VenueDirectory venues;
    private final VenueStatistics statistics;
    private final DecisionLog decisions;
    private volatile OrderRouter router;
    private final StoreGateway store;
    private final LiveOrders live;
    private final OrderQueries queries;
    private final Transitions transitions;
    private final ExecutionReports reports;

    NewOrders(Clock clock, OrderValidator validator, RiskService risk, VenueDirectory venues,
            VenueStatistics statistics, DecisionLog decisions, OrderRouter router, StoreGateway store,
            LiveOrders live, OrderQueries queries, Transitions transitions, ExecutionReports reports) {
        this.clock = clock;
        this.validator = validator;
        this.risk = risk;
        this.venues = venues;
        this.statistics = statistics;
        this.decisions = decisions;
        this.router = router;
        this.store = store;
        this.live = live;
        this.queries = queries;
        this.transitions = transitions;
        this.reports = reports;
    }

    void router(OrderRouter value) {
        router = Objects.requireNonNull(value, "router");
    }

    /** The new (or existing) order; {@code null} if the client order id belongs to an order only the store has. */
    OrderRecord submit(OrderRequest request, PartitionAgent partition) {
        ClientOrderId clientOrderId = request.clientOrderId();
        OrderId known = live.byClientId.get(clientOrderId);
        if (known != null) {
            OrderRecord existing = live.orders.get(known);
            if (existing != null) {
                return existing;
            }
        }
        if (known != null || queries.compactOrStored(clientOrderId)) {
            // Finished and kept compact, or only in the store: submit() answers with it.
            return null;
        }
        Instant now = clock.instant();
        OrderRecord record = create(request, partition, now, null);
        if (record == null) {
            return live.existing(request.clientOrderId());
        }
        RiskDecision decision = check(record, now);
        if (!decision.approved()) {
            deny(record, decision.rejectCode(), decision.describe(), now);
            return record;
        }
        OrderRouter.RoutingPlan plan = plan(record, now);
        if (!plan.routed()) {
            deny(record, RejectCode.of(plan.code()), describe(plan), now);
            return record;
        }
        execute(record, plan, now);
        return record;
    }

    List<OrderRecord> submit(OrderList list, PartitionAgent partition) {
        Instant now = clock.instant();
        List<OrderRecord> records = new ArrayList<>(list.orders().size());
        boolean raced = false;
        for (OrderRequest request : list.orders()) {
            OrderRecord record = create(request, partition, now, null);
            if (record == null) {
                raced = true;
                record = live.existing(request.clientOrderId());
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
                    deny(record, RejectCode.DUPLICATE_CLIENT_ORDER_ID,
                            "list refused: one of its client order ids is already in use", now);
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
                denyAll(records, record, decision.rejectCode(), decision.describe(), now);
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
                denyAll(records, record, RejectCode.of(plan.code()), describe(plan), now);
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
            store.record(record, null);
        }
    }

    private void denyAll(List<OrderRecord> records, OrderRecord culprit, RejectCode code, String reason, Instant now) {
        // No contingency may act on the denials: the list is refused as a whole.
        for (OrderRecord record : records) {
            record.ocoDone = true;
            record.triggersResolved = true;
        }
        for (OrderRecord record : records) {
            deny(record, code, record == culprit ? reason
                    : "list refused: order " + culprit.id + " (" + culprit.request().clientOrderId() + ") " + reason,
                    now);
        }
    }

    /** Creates and registers a record; {@code null} if its client order id was taken by another partition. */
    private OrderRecord create(OrderRequest request, PartitionAgent partition, Instant now, OrderRecord splitParent) {
        OrderId id = OrderId.of(store.nextId());
        OrderRecord[] self = new OrderRecord[1];
        OrderRecord record = new OrderRecord(id, request, partition, now,
                report -> partition.post(() -> reports.onReport(self[0], report)));
        self[0] = record;
        record.splitParent = splitParent;
        live.orders.put(id, record);
        if (splitParent == null) {
            OrderId raced = live.byClientId.putIfAbsent(request.clientOrderId(), id);
            if (raced != null) {
                live.orders.remove(id);
                return null;
            }
        }
        transitions.emit(record, OrderEventType.INITIALIZED, null, null, now);
        return record;
    }

    /** Instrument validation, then pre-trade risk. */
    private RiskDecision check(OrderRecord record, Instant now) {
        RiskDecision valid = validator.validate(record.request(), now);
        return valid.approved() ? checkRisk(record.request()) : valid;
    }

    /** Pre-trade risk alone; fails closed. */
    RiskDecision checkRisk(OrderRequest request) {
        try {
            return Objects.requireNonNull(risk.check(request), "the risk service returned no decision");
        } catch (RuntimeException e) {
            // Fail closed: an order the risk engine could not check does not trade.
            LOG.error("risk check failed for {}", request.clientOrderId(), e);
            return RiskDecision.reject("risk-engine", "RISK_ERROR", "the risk check failed: " + e);
        }
    }

    /** A client's amend or cancel the risk engine refused: the rule's own code, so the client sees which limit. */
    static CommandResult riskRefused(RiskDecision decision, Order order) {
        return CommandResult.refused(decision.code() != null ? decision.code() : "RISK_DENIED", decision.describe(),
                order);
    }

    /** The risk engine's amend checks (the amend throttle, and any amend rule) on a client's amend. */
    RiskDecision checkAmend(Order current, OrderRequest amended) {
        return risk.checkAmend(current, amended);
    }

    /** The risk engine's cancel checks (the cancel throttle) on a client's cancel of an open order. */
    RiskDecision checkCancel(Order order) {
        return risk.checkCancel(order);
    }

    private OrderRouter.RoutingPlan plan(OrderRecord record, Instant now) {
        OrderRouter.RoutingPlan plan;
        try {
            VenueId wanted = record.request().venueId();
            VenueDirectory.State state = wanted == null ? null : venues.state(wanted);
            if (state != null && venues.get(wanted).isPresent()
                    && state.availability() != VenueAvailability.AVAILABLE) {
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
        return "router: " + refused.reason();
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
        if (!transitions.transition(record, SUBMITTED, OrderEventType.SUBMITTED, null, now,
                record.request().withVenue(venue.id()))) {
            return;
        }
        statistics.routed(venue.id(), record.request().quantity());
        try {
            venue.submit(record.snapshot(), record.executionListener);
        } catch (RuntimeException e) {
            LOG.warn("venue {} failed to take order {}", venue.id(), record.id, e);
            statistics.reject(venue.id());
            record.rejectCode = RejectCode.VENUE_ERROR;
            transitions.transition(record, REJECTED, OrderEventType.REJECTED,
                    "venue " + venue.id() + " failed: " + e.getMessage(), clock.instant());
        }
    }

    /** Sends one part per leg; the parent order sums them up (see {@link SplitOrders}). */
    private void split(OrderRecord parent, OrderRouter.RoutingPlan plan, Instant now) {
        if (!transitions.transition(parent, SUBMITTED, OrderEventType.SUBMITTED, null, now,
                parent.request().withVenue(OrderManager.SPLIT))) {
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
        store.record(parent, null);
        for (int i = 0; i < parts.size(); i++) {
            send(parts.get(i), plan.legs().get(i).venue(), now);
        }
    }

    /** Releases an order an OTO held back, for at most what its parent filled. */
    void release(OrderRecord child, Quantity parentFilled, Instant now) {
        if (child.request().quantity().compareTo(parentFilled) > 0) {
            child.changeRequest(child.request().withQuantity(parentFilled), INITIALIZED, null, now);
            transitions.emit(child, OrderEventType.UPDATED, null,
                    "reduced to the " + parentFilled + " order " + child.triggeredBy.id + " filled", now);
        }
        RiskDecision decision = check(child, now);
        if (!decision.approved()) {
            deny(child, decision.rejectCode(), decision.describe(), now);
            return;
        }
        OrderRouter.RoutingPlan plan = plan(child, now);
        if (!plan.routed()) {
            deny(child, RejectCode.of(plan.code()), describe(plan), now);
            return;
        }
        execute(child, plan, now);
    }

    private void deny(OrderRecord record, RejectCode code, String reason, Instant now) {
        record.rejectCode = code;
        transitions.transition(record, DENIED, OrderEventType.DENIED, reason, now);
    }
}
