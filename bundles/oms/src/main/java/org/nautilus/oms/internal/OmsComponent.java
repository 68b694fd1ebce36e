package org.nautilus.oms.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.CommandResult;
import org.nautilus.api.oms.OrderListener;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.venue.Venue;
import org.nautilus.api.venue.VenueInfo;
import org.nautilus.api.venue.VenueService;
import org.nautilus.oms.internal.core.DirectRouter;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.oms.internal.core.OrderRouter;
import org.nautilus.oms.internal.core.VenueDirectory;
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
 * The OMS and execution engine as OSGi services: a thin adapter around {@link OrderManager}. Venues
 * ({@code venue.id}) and order listeners are tracked on the whiteboard; risk and market data are mandatory.
 */
@Component(service = {OrderService.class, VenueService.class}, configurationPid = "nautilus.oms",
        immediate = true)
@Designate(ocd = OmsConfig.class)
public final class OmsComponent implements OrderService, VenueService {

    private static final Logger LOG = LoggerFactory.getLogger(OmsComponent.class);

    private final OrderListeners listeners = new OrderListeners();
    private final VenueDirectory venues = new VenueDirectory();
    private final OrderManager manager;
    private final int partitions;

    @Activate
    public OmsComponent(@Reference RiskService risk, @Reference MarketDataService marketData, OmsConfig config) {
        this.partitions = config.partitions();
        this.manager = new OrderManager(Clock.systemUTC(), marketData::instrument, risk, venues, router(config),
                listeners, partitions, 1);
        LOG.info("OMS started: {} partitions, default venue '{}'", partitions, config.default_venue());
    }

    @Modified
    void modified(OmsConfig config) {
        manager.setRouter(router(config));
        if (config.partitions() != partitions) {
            LOG.warn("OMS partitions changed to {}; it applies at the next start (running with {})",
                    config.partitions(), partitions);
        }
    }

    @Deactivate
    void deactivate() {
        manager.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addVenue(Venue venue, Map<String, Object> properties) {
        manager.venueAdded(venueId(venue, properties), venue);
    }

    void removeVenue(Venue venue, Map<String, Object> properties) {
        manager.venueRemoved(venueId(venue, properties), venue);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addOrderListener(OrderListener listener) {
        listeners.add(listener);
    }

    void removeOrderListener(OrderListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Order submit(OrderRequest request) {
        return manager.submit(request);
    }

    @Override
    public CommandResult cancel(OrderId orderId) {
        return manager.cancel(orderId);
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
    public List<VenueInfo> venues() {
        return manager.venues();
    }

    private static OrderRouter router(OmsConfig config) {
        String id = config.default_venue();
        return new DirectRouter(id == null || id.isBlank() ? null : VenueId.of(id.strip()));
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
