package org.nautilus.oms.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.cluster.OmsLeadership;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.metrics.MetricsCollector;
import org.nautilus.api.metrics.MetricsSource;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderList;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.store.TradingStore;
import org.nautilus.api.time.LivePlatformClock;
import org.nautilus.api.venue.ReconciliationReport;
import org.nautilus.api.venue.RoutingDecision;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueAvailability;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.oms.internal.expiry.OrderExpiry;
import org.nautilus.oms.internal.expiry.SessionCalendar;
import org.nautilus.oms.internal.routing.DecisionLog;
import org.nautilus.oms.internal.routing.DirectRouter;
import org.nautilus.oms.internal.routing.OrderRouter;
import org.nautilus.oms.internal.routing.SmartOrderRouter;
import org.nautilus.oms.internal.routing.VenueDirectory;
import org.nautilus.oms.internal.routing.VenueStatistics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OMS, execution engine and smart order router as OSGi services: a thin adapter around
 * {@link OrderManager}. Venues ({@code venue.id}), in-step order listeners and the subscribers of committed order
 * events are tracked on the whiteboard; risk, market data, the durable {@link TradingStore} and the
 * {@link OmsLeadership} are mandatory: the OMS runs on the one node of the cluster holding the leadership (on a
 * single node, that node), and starts when the leadership comes to this node. So is the position keeper (the in-step
 * listener {@code listener.name=position-keeper}; another filter with {@code positionKeeper.target} in
 * {@code etc/nautilus.oms.cfg}): it also starts with the leadership, and an OMS that stepped before it was bound
 * committed fills its positions never saw (a failover test found positions off by that window's fills). Activation
 * recovers the OMS from the store (every acknowledged order, its fills and events, the idempotency keys, the order
 * id sequence); orders that were open at a venue are reconciled with it when it registers. It is registered as the
 * node's local OMS ({@code nautilus.cluster.local=true}); clients use
 * the cluster-wide OrderService of the grid bundle, which reaches it from any node and stays put when it moves.
 */
@Component(service = {OrderService.class, VenueService.class,
        MetricsSource.class}, configurationPid = "nautilus.oms", immediate = true, property = ClusterService.LOCAL_PROPERTY
                + ":Boolean=true")
@Designate(ocd = OmsConfig.class)
public final class OmsComponent implements OrderService, VenueService, MetricsSource {

    private static final Logger LOG = LoggerFactory.getLogger(OmsComponent.class);

    private final OrderListeners listeners = new OrderListeners();
    private final VenueDirectory venues = new VenueDirectory();
    private final VenueStatistics statistics = new VenueStatistics();
    private final DecisionLog decisions;
    private final MarketDataService marketData;
    private final OrderManager manager;
    private final int partitions;
    private final ExecutorService reconciliations = Executors
            .newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "nautilus-oms-reconcile");
                thread.setDaemon(true);
                return thread;
            });
    private volatile AuditService audit;
    /** DAY orders expire at the session close of the session.* keys (etc/nautilus.oms.cfg), GTD at their time. */
    private final LivePlatformClock expiryClock = new LivePlatformClock(
            "nautilus-oms-expiry", e -> LOG.error("order expiry failed", e));
    private final OrderExpiry expiry;

    @Activate
    public OmsComponent(@Reference RiskService risk, @Reference MarketDataService marketData,
            @Reference(name = "store") TradingStore store,
            @Reference(name = "leadership") OmsLeadership leadership,
            @Reference(name = "positionKeeper", target = "(listener.name=position-keeper)") OrderStepListener positionKeeper,
            OmsConfig config, Map<String, Object> properties) {
        this.marketData = marketData;
        this.partitions = config.partitions();
        this.decisions = new DecisionLog(config.router_decisions_kept());
        this.manager = OrderManager.builder(this::instrument, risk)
                .clock(Clock.systemUTC())
                .venues(venues)
                .listeners(listeners)
                .statistics(statistics)
                .decisions(decisions)
                .router(router(config))
                .partitions(partitions)
                .retainedOrders(config.orders_retained())
                .retainedHistory(config.orders_retained_history())
                .store(store)
                .reconcileExecutor(reconciliations)
                .build();
        manager.reconciler().tolerance(tolerance(config));
        manager.reconciler().journal(this::audit);
        this.expiry = new OrderExpiry(expiryClock,
                SessionCalendar.DEFAULT, manager::expire);
        expiry.configure(properties);
        listeners.add(expiry);
        // Before the first step: a fill the keeper missed would be missing from its position for good.
        listeners.add(positionKeeper);
        OrderManager.Recovery recovery = manager.recover();
        expiry.track(manager.orders().stream().filter(o -> !o.status().isTerminal()).toList());
        expiry.start();
        LOG.info("OMS started on node {} (leadership epoch {}): {} partitions, {} router, store {}: {} order(s) "
                + "recovered ({} open to reconcile)", leadership.node(), leadership.epoch(), partitions,
                config.router(),
                store.description(), recovery.stored(), recovery.open());
    }

    @Modified
    void modified(OmsConfig config, Map<String, Object> properties) {
        expiry.configure(properties);
        manager.setRouter(router(config));
        manager.retainedOrders(config.orders_retained(), config.orders_retained_history());
        manager.reconciler().tolerance(tolerance(config));
        decisions.capacity(config.router_decisions_kept());
        if (config.partitions() != partitions) {
            LOG.warn("OMS partitions changed to {}; it applies at the next start (running with {})",
                    config.partitions(), partitions);
        }
        LOG.info("OMS configuration applied: {} router", config.router());
    }

    @Deactivate
    void deactivate() {
        expiry.close();
        expiryClock.close();
        reconciliations.shutdownNow();
        manager.close();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditService service) {
        audit = service;
    }

    void unsetAudit(AuditService service) {
        if (audit == service) {
            audit = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addVenue(Venue venue, Map<String, Object> properties) {
        manager.venueAdded(venueId(venue, properties), venue);
    }

    void removeVenue(Venue venue, Map<String, Object> properties) {
        manager.venueRemoved(venueId(venue, properties), venue);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addOrderStepListener(OrderStepListener listener) {
        listeners.add(listener);
    }

    void removeOrderStepListener(OrderStepListener listener) {
        listeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addOrderEventSubscriber(OrderEventSubscriber subscriber, Map<String, Object> properties) {
        Object name = properties.getOrDefault("subscriber.name", properties.get("component.name"));
        manager.subscribe(subscriber, name != null ? name.toString() : "service-" + properties.get("service.id"),
                queueSize(properties.get(OrderEventSubscriber.QUEUE_SIZE_PROPERTY)));
    }

    void removeOrderEventSubscriber(OrderEventSubscriber subscriber) {
        manager.unsubscribe(subscriber);
    }

    private static int queueSize(Object property) {
        if (property == null) {
            return OrderEventSubscriber.DEFAULT_QUEUE_SIZE;
        }
        try {
            return property instanceof Number n ? n.intValue() : Integer.parseInt(property.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(OrderEventSubscriber.QUEUE_SIZE_PROPERTY + " must be an integer, got '"
                    + property + "'");
        }
    }

    @Override
    public Order submit(OrderRequest request) {
        return manager.submit(request);
    }

    @Override
    public CompletionStage<Order> submitAsync(OrderRequest request) {
        return manager.submitAsync(request);
    }

    @Override
    public List<Order> submit(OrderList list) {
        return manager.submit(list);
    }

    @Override
    public CommandResult cancel(OrderId orderId) {
        return manager.cancel(orderId);
    }

    @Override
    public CommandResult amend(OrderId orderId, Quantity quantity, Price price) {
        return manager.amend(orderId, quantity, price);
    }

    @Override
    public Optional<Order> order(OrderId orderId) {
        return manager.order(orderId);
    }

    @Override
    public Optional<Order> order(ClientOrderId clientOrderId) {
        return manager.order(clientOrderId);
    }

    @Override
    public List<Order> orders() {
        return manager.orders();
    }

    @Override
    public List<Fill> fills(OrderId orderId) {
        return manager.fills(orderId);
    }

    @Override
    public List<OrderEvent> events(OrderId orderId) {
        return manager.events(orderId);
    }

    @Override
    public List<VenueInfo> venues() {
        return manager.venues();
    }

    @Override
    public List<RoutingDecision> decisions(int limit) {
        return manager.decisions(limit);
    }

    @Override
    public Optional<RoutingDecision> decision(OrderId orderId) {
        return manager.decision(orderId);
    }

    @Override
    public List<ReconciliationReport> reconciliations() {
        return manager.reconciler().reports();
    }

    @Override
    public CommandResult acknowledge(VenueId venue, String by) {
        return manager.reconciler().acknowledge(venue, by);
    }

    @Override
    public CommandResult reconcile(VenueId venue) {
        Optional<Venue> registered = venues.get(venue);
        if (registered.isEmpty()) {
            return CommandResult.refused("UNKNOWN_VENUE", "venue " + venue + " is not registered", null);
        }
        manager.reconciler().reconcile(venue, registered.get());
        return CommandResult.accepted(null, "reconciliation with venue " + venue + " started");
    }

    @Override
    public void collect(MetricsCollector out) {
        for (VenueInfo venue : manager.venues()) {
            for (VenueAvailability availability : VenueAvailability.values()) {
                out.gauge("nautilus_venue_availability", "1 for the venue's current availability, 0 for the others",
                        venue.availability() == availability ? 1 : 0, "venue", venue.id().value(), "state",
                        availability.name());
            }
        }
        manager.reconciler().outcomeCounts().forEach((key, count) -> {
            int slash = key.lastIndexOf('/');
            out.counter("nautilus_venue_reconciliations_total", "Reconciliations with a venue, by outcome", count,
                    "venue", key.substring(0, slash), "outcome", key.substring(slash + 1));
        });
        manager.reconciler().fillsBooked().forEach((venue, count) -> out.counter(
                "nautilus_venue_reconciliation_fills_total", "Missed fills booked by reconciliation with a venue",
                count, "venue", venue.value()));
        for (ReconciliationReport report : manager.reconciler().reports()) {
            out.gauge("nautilus_venue_position_differences", "Positions on which the venue and the OMS disagreed at the"
                    + " last reconciliation", report.positions().size(), "venue", report.venueId().value());
        }
    }

    /** Every reconciliation (and acknowledgement) goes to the audit journal, when one is running. */
    private void audit(ReconciliationReport report) {
        AuditService journal = audit;
        if (journal == null) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("outcome", report.outcome().name());
        fields.put("fillsBooked", Integer.toString(report.fillsBooked()));
        fields.put("ordersClosed", report.ordersClosed().toString());
        fields.put("externalOrders", report.externalOrders().toString());
        fields.put("positionDifferences", report.positions().toString());
        fields.put("notes", report.notes().toString());
        if (report.acknowledgedBy() != null) {
            fields.put("acknowledgedBy", report.acknowledgedBy());
        }
        String type = report.acknowledgedBy() != null ? "VENUE_RECONCILE_ACK" : "VENUE_RECONCILE";
        journal.record(AuditCategory.RISK, type, report.venueId().value(), null, report.summary(), fields);
    }

    private static Quantity tolerance(OmsConfig config) {
        String text = config.reconcile_position_tolerance();
        try {
            Quantity value = Quantity.of(text == null || text.isBlank() ? "0" : text.strip());
            if (value.raw() < 0) {
                throw new IllegalArgumentException("negative");
            }
            return value;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("reconcile.position.tolerance must be a quantity of at least 0, got '"
                    + text + "'", e);
        }
    }

    private Optional<Instrument> instrument(InstrumentId id) {
        return marketData.instrument(id);
    }

    private OrderRouter router(OmsConfig config) {
        String id = config.default_venue();
        VenueId defaultVenue = id == null || id.isBlank() ? null : VenueId.of(id.strip());
        if ("direct".equalsIgnoreCase(config.router().strip())) {
            return new DirectRouter(defaultVenue);
        }
        if (!"smart".equalsIgnoreCase(config.router().strip())) {
            LOG.error("router '{}' is unknown (smart or direct); using smart", config.router());
        }
        Quantity minSplit;
        try {
            minSplit = Quantity.of(config.router_min_split_quantity());
        } catch (IllegalArgumentException e) {
            LOG.error("router.min.split.quantity '{}' is not a quantity; using 0", config.router_min_split_quantity());
            minSplit = Quantity.ZERO;
        }
        return new SmartOrderRouter(this::instrument, statistics, new SmartOrderRouter.Settings(config.router_split(),
                Math.max(1, config.router_depth_levels()), minSplit, defaultVenue));
    }

    /** The id under which a venue serves: its {@code venue.id} property, else its own {@code id()}. */
    private static VenueId venueId(Venue venue, Map<String, Object> properties) {
        Object property = properties.get(Venue.ID_PROPERTY);
        VenueId own = venue.id();
        if (property == null) {
            LOG.warn("venue service {} has no {} property; using its id()", own, Venue.ID_PROPERTY);
            return own;
        }
        VenueId id = VenueId.of(property.toString());
        if (!id.equals(own)) {
            LOG.warn("venue service property {}={} differs from its id() {}; using the property",
                    Venue.ID_PROPERTY, id, own);
        }
        return id;
    }
}
