package org.nautilus.grid.internal.events;

import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.oms.OrderEventFeed;
import org.nautilus.api.store.TradingStore;
import org.nautilus.grid.internal.store.CommittedEventRows;
import org.nautilus.grid.internal.store.GridStoreComponent;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link OrderEventFeed} on every node whose store keeps the events as rows of the grid (without the
 * journal: every cluster with backups). With the journal the events are journal records on the OMS's node, which is
 * the only node: the OMS's own {@link org.nautilus.api.oms.OrderEventSubscriber}s serve, and no feed is registered
 * (clients fall back to those). Registered by hand for that reason; restarted with the store.
 */
@Component(service = {}, immediate = true)
// Registered in the constructor where the store allows: declared for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.nautilus.api.oms.OrderEventFeed\"", uses = OrderEventFeed.class)
public final class EventFeedComponent {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeedComponent.class);

    private final ClusterEventFeed feed;
    private final ServiceRegistration<OrderEventFeed> registration;

    @Activate
    public EventFeedComponent(
            @Reference(target = "(" + TradingStore.TYPE_PROPERTY + "=ignite)") TradingStore tradingStore,
            BundleContext context) {
        Optional<CommittedEventRows> rows = ((GridStoreComponent) tradingStore).store().committedEventRows();
        if (rows.isEmpty()) {
            LOG.info("order event feed: not offered, the store journals on this single node (its OMS's subscribers "
                    + "serve its events)");
            feed = null;
            registration = null;
            return;
        }
        feed = new ClusterEventFeed(rows.get(), ClusterEventFeed.Timing.DEFAULT);
        registration = context.registerService(OrderEventFeed.class, feed,
                new Hashtable<>(Map.of("feed.source", "grid")));
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            feed.close();
        }
    }
}
