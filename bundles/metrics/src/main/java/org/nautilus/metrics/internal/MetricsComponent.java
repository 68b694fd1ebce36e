package org.nautilus.metrics.internal;

import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.metrics.MetricsService;
import org.nautilus.api.metrics.MetricsSource;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.routes.RouteService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The node's metrics: {@link MetricsService} for the scrapers, an {@link OrderEventSubscriber} counting the OMS's
 * durable events, and the whiteboard of {@link MetricsSource}s other bundles publish.
 */
@Component(service = {MetricsService.class,
        OrderEventSubscriber.class}, immediate = true, property = "subscriber.name=metrics")
public final class MetricsComponent implements MetricsService, OrderEventSubscriber {

    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private final OrderMetrics orders = new OrderMetrics(metrics.registry());
    private volatile RouteService routes;
    private volatile RiskService risk;
    private volatile ClusterService cluster;

    @Activate
    public MetricsComponent(BundleContext context) {
        metrics.add(new PlatformSource(context, () -> routes, () -> risk, () -> cluster));
    }

    @Deactivate
    void deactivate() {
        metrics.close();
    }

    @Override
    public String scrape() {
        return metrics.scrape();
    }

    @Override
    public void onEvent(OrderEvent event) {
        orders.onEvent(event);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addSource(MetricsSource source) {
        metrics.add(source);
    }

    void removeSource(MetricsSource source) {
        metrics.remove(source);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setRoutes(RouteService service) {
        routes = service;
    }

    void unsetRoutes(RouteService service) {
        if (routes == service) {
            routes = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setRisk(RiskService service) {
        risk = service;
    }

    void unsetRisk(RiskService service) {
        if (risk == service) {
            risk = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setCluster(ClusterService service) {
        cluster = service;
    }

    void unsetCluster(ClusterService service) {
        if (cluster == service) {
            cluster = null;
        }
    }
}
