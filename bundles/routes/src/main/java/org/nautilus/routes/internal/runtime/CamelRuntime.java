package org.nautilus.routes.internal.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.quickfixj.QuickfixjComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.nautilus.api.routes.RouteFileInfo;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.api.routes.RouteService;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.component.NautilusComponent;
import org.nautilus.routes.internal.files.RouteFileManager;
import org.nautilus.routes.internal.replay.ReplayComponent;
import org.nautilus.routes.internal.sim.SimulatedFeedComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.SLF4JLogFactory;
import quickfix.SessionSettings;

/**
 * The platform's Camel runtime, plain Java: one CamelContext with our components ({@code nautilus},
 * {@code nautilus-sim}, {@code nautilus-replay}) and Camel's own (found through the embedded {@code META-INF/services}), the routes of a
 * directory kept loaded and watched, and routes contributed by code ({@link RoutesBuilder}s).
 */
public final class CamelRuntime implements RouteService, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CamelRuntime.class);

    private final DefaultCamelContext context;
    private final RouteCounters counters = new RouteCounters();
    private final Map<RoutesBuilder, Contribution> contributed = new IdentityHashMap<>();
    private final ScheduledExecutorService watcher;
    private volatile RouteFileManager files;
    private ScheduledFuture<?> watch;

    /**
     * Builds and starts the context.
     *
     * @param classLoader the class loader that sees Camel and its components (the bundle's in OSGi)
     * @param gateways    the platform services the {@code nautilus} components use
     * @param clock       the clock of simulated and timestamp-less data
     */
    public CamelRuntime(ClassLoader classLoader, Gateways gateways, Clock clock) {
        context = new DefaultCamelContext(false);
        context.getCamelContextExtension().setName("nautilus");
        context.setApplicationContextClassLoader(classLoader);
        // route definitions keep their file and line, so errors and RouteService can point at them
        context.setSourceLocationEnabled(true);
        context.addRoutePolicyFactory(counters);
        context.addComponent("nautilus", new NautilusComponent(gateways, clock));
        context.addComponent("nautilus-sim", new SimulatedFeedComponent(gateways, clock));
        context.addComponent("nautilus-replay", new ReplayComponent());
        context.getShutdownStrategy().setTimeout(10);
        context.build();
        context.start();
        QuickfixjComponent quickfix = context.getComponent("quickfix", QuickfixjComponent.class);
        // QuickFIX/J prints to stdout unless given a log factory
        quickfix.setLogFactory(new SLF4JLogFactory(new SessionSettings()));
        // a FIX session connects when its route starts and logs out when it stops, not when the file is loaded
        quickfix.setLazyCreateEngines(true);
        quickfix.setEagerStopEngines(true);
        LOG.info("Camel {} runtime '{}' started; components include quickfix ({})", context.getVersion(),
                context.getName(), quickfix.getClass().getName());
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nautilus-routes-watcher");
            t.setDaemon(true);
            return t;
        });
    }

    public CamelContext context() {
        return context;
    }

    /**
     * Loads the route files of {@code directory} and checks it every {@code pollInterval} for added, changed and
     * removed files. A previous directory's routes are removed first.
     */
    public synchronized void watch(Path directory, Duration pollInterval) {
        if (watch != null) {
            watch.cancel(false);
        }
        RouteFileManager previous = files;
        if (previous != null && !previous.directory().equals(directory)) {
            previous.removeAll();
            previous.close();
            previous = null;
        }
        RouteFileManager manager = previous != null ? previous : new RouteFileManager(context, directory);
        files = manager;
        LOG.info("Route files: {} (checked every {} ms)", directory, pollInterval.toMillis());
        scan();
        long period = Math.max(50, pollInterval.toMillis());
        watch = watcher.scheduleWithFixedDelay(this::scan, period, period, TimeUnit.MILLISECONDS);
    }

    /** Checks the route directory now. */
    public void scan() {
        RouteFileManager manager = files;
        if (manager == null) {
            return;
        }
        try {
            manager.scan();
        } catch (RuntimeException e) {
            LOG.error("Checking the route directory {} failed", manager.directory(), e);
        }
    }

    @Override
    public RouteFileInfo reload(String file) {
        RouteFileManager manager = files;
        if (manager == null) {
            throw new IllegalStateException("no route directory is configured");
        }
        manager.reload(file);
        return manager.files().stream().filter(f -> f.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no route file " + file));
    }

    /** Adds the routes of a builder contributed by another bundle; {@code source} names it in {@link #routes()}. */
    public synchronized void add(RoutesBuilder builder, String source) {
        Set<String> before = routeIds();
        try {
            context.addRoutes(builder);
        } catch (Exception e) {
            LOG.error("Routes from {} could not be added", source, e);
        }
        Set<String> added = routeIds();
        added.removeAll(before);
        contributed.put(builder, new Contribution(source, added));
        LOG.info("Routes {} added from {}", added, source);
    }

    public synchronized void remove(RoutesBuilder builder) {
        Contribution contribution = contributed.remove(builder);
        if (contribution == null) {
            return;
        }
        for (String id : contribution.routeIds) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("Route {} from {} could not be removed", id, contribution.source, e);
            }
        }
        LOG.info("Routes {} removed with {}", contribution.routeIds, contribution.source);
    }

    @Override
    public List<RouteInfo> routes() {
        List<RouteInfo> result = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            String id = route.getRouteId();
            ServiceStatus status = context.getRouteController().getRouteStatus(id);
            result.add(new RouteInfo(id, source(id), route.getEndpoint().getEndpointUri(),
                    status == null ? "Unknown" : status.name(), counters.completed(id), counters.failed(id)));
        }
        result.sort(Comparator.comparing(RouteInfo::source).thenComparing(RouteInfo::id));
        return result;
    }

    @Override
    public List<RouteFileInfo> files() {
        RouteFileManager manager = files;
        return manager == null ? List.of() : manager.files();
    }

    @Override
    public void start(String routeId) {
        requireRoute(routeId);
        try {
            context.getRouteController().startRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("route '" + routeId + "' could not be started: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop(String routeId) {
        requireRoute(routeId);
        try {
            context.getRouteController().stopRoute(routeId);
        } catch (Exception e) {
            throw new IllegalStateException("route '" + routeId + "' could not be stopped: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.cancel(false);
        }
        watcher.shutdownNow();
        RouteFileManager manager = files;
        if (manager != null) {
            manager.close();
        }
        try {
            context.close();
        } catch (Exception e) {
            LOG.warn("Stopping the Camel context failed", e);
        }
    }

    private void requireRoute(String routeId) {
        if (routeId == null || context.getRoute(routeId) == null) {
            List<String> known = new ArrayList<>(routeIds());
            known.sort(null);
            throw new IllegalArgumentException("unknown route '" + routeId + "'; routes are " + known);
        }
    }

    private String source(String routeId) {
        RouteFileManager manager = files;
        if (manager != null) {
            var file = manager.fileOf(routeId);
            if (file.isPresent()) {
                return file.get();
            }
        }
        synchronized (this) {
            for (Contribution c : contributed.values()) {
                if (c.routeIds.contains(routeId)) {
                    return c.source;
                }
            }
        }
        return "-";
    }

    private Set<String> routeIds() {
        Set<String> ids = new HashSet<>();
        for (Route route : context.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    private record Contribution(String source, Set<String> routeIds) {
    }
}
