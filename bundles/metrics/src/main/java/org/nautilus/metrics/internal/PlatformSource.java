package org.nautilus.metrics.internal;

import java.util.function.Supplier;
import org.nautilus.api.cluster.ClusterNode;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.cluster.ClusterStatus;
import org.nautilus.api.metrics.MetricsCollector;
import org.nautilus.api.metrics.MetricsSource;
import org.nautilus.api.risk.RiskRuleInfo;
import org.nautilus.api.risk.RiskService;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.api.routes.RouteService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Series read from the platform's own services at scrape time: OSGi bundle states, Camel routes, risk rules and the
 * cluster. Each service may be absent (a node without Camel, the grid still starting); its series are then left out.
 */
final class PlatformSource implements MetricsSource {

    private static final int[] STATES = {Bundle.INSTALLED, Bundle.RESOLVED, Bundle.STARTING, Bundle.ACTIVE,
            Bundle.STOPPING, Bundle.UNINSTALLED};
    private static final String[] STATE_NAMES = {"installed", "resolved", "starting", "active", "stopping",
            "uninstalled"};

    private final BundleContext context;
    private final Supplier<RouteService> routes;
    private final Supplier<RiskService> risk;
    private final Supplier<ClusterService> cluster;

    PlatformSource(BundleContext context, Supplier<RouteService> routes, Supplier<RiskService> risk,
            Supplier<ClusterService> cluster) {
        this.context = context;
        this.routes = routes;
        this.risk = risk;
        this.cluster = cluster;
    }

    @Override
    public void collect(MetricsCollector out) {
        bundles(out);
        RouteService routeService = routes.get();
        if (routeService != null) {
            for (RouteInfo route : routeService.routes()) {
                out.counter("nautilus_route_exchanges_total", "Exchanges completed by a Camel route", route.exchanges(),
                        "route", route.id());
                out.counter("nautilus_route_failures_total", "Exchanges of a Camel route that failed", route.failures(),
                        "route", route.id());
                out.gauge("nautilus_route_started", "1 if the route is started, 0 otherwise",
                        "Started".equalsIgnoreCase(route.state()) ? 1 : 0, "route", route.id());
            }
        }
        RiskService riskService = risk.get();
        if (riskService != null) {
            for (RiskRuleInfo rule : riskService.rules()) {
                out.counter("nautilus_risk_denials_total", "Orders denied by a pre-trade risk rule", rule.rejections(),
                        "rule", rule.name());
            }
        }
        ClusterService clusterService = cluster.get();
        if (clusterService != null) {
            ClusterStatus status = clusterService.status();
            long local = 0;
            long leaderHere = 0;
            for (ClusterNode node : status.nodes()) {
                if (node.local()) {
                    local = 1;
                    leaderHere = node.omsLeader() ? 1 : 0;
                }
            }
            out.gauge("nautilus_cluster_nodes", "Server nodes in the cluster", status.nodes().size());
            out.gauge("nautilus_cluster_offline_baseline_nodes", "Baseline nodes that are not online",
                    status.offlineBaseline().size());
            out.gauge("nautilus_cluster_lost_partitions", "Partitions without an owner", status.lostPartitions());
            out.gauge("nautilus_oms_leader", "1 if the OMS runs on this node", local == 1 ? leaderHere : 0);
            out.gauge("nautilus_oms_epoch", "How many times the OMS leadership has moved (its epoch)",
                    status.omsEpoch());
        }
    }

    private void bundles(MetricsCollector out) {
        int[] counts = new int[STATES.length];
        for (Bundle bundle : context.getBundles()) {
            int state = bundle.getState();
            for (int i = 0; i < STATES.length; i++) {
                if (STATES[i] == state) {
                    counts[i]++;
                }
            }
        }
        for (int i = 0; i < STATES.length; i++) {
            out.gauge("karaf_bundles", "OSGi bundles by state", counts[i], "state", STATE_NAMES[i]);
        }
    }
}
