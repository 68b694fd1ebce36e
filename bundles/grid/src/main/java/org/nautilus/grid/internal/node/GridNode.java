package org.nautilus.grid.internal.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.cluster.NodeRecovery;
import org.nautilus.api.cluster.RejoinPlan;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's Ignite server node, configured by {@code etc/nautilus.grid.cfg}, and its recovery
 * ({@code nautilus:cluster-rejoin}). The node starts on its own thread and is published as {@link Grid} once its
 * caches can be used; the stores built on it start then and stop, when it is unpublished, before the node stops.
 * <p>
 * Why not start it in the activator: a start takes seconds (joining, waiting for the baseline, activating), and
 * Declarative Services lets a component's construction be retried by any thread that asks for a service depending on
 * it, holding locks other threads time out on. A node whose start failed was started again and again, and a rejoin's
 * restart raced with those retries (two starts at once, one stopped mid-rebalance). Here one thread owns the node's
 * life: start, rejoin and stop never overlap, and a failed start stays failed until the operator acts. There is no
 * {@code modified} method: every setting needs a node restart, which Declarative Services performs.
 */
@Component(service = NodeRecovery.class, immediate = true, configurationPid = GridConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = GridConfig.class)
public final class GridNode implements NodeRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);
    /** Beyond the activation wait, what a start or stop may take before deactivation stops waiting for it. */
    private static final long STOP_MARGIN_MS = 60_000;

    private final GridSettings settings;
    private final BundleContext context;
    private final ExecutorService lifecycle;
    private volatile GridState state = GridState.STARTING;
    /** Touched on {@link #lifecycle} only. */
    private EmbeddedGrid grid;
    private ServiceRegistration<Grid> registration;

    @Activate
    public GridNode(GridConfig config, BundleContext context) {
        this.settings = GridSettings.from(config, System.getProperty("karaf.data"));
        this.context = context;
        this.lifecycle = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "nautilus-grid-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
        lifecycle.execute(this::start);
    }

    private void start() {
        state = GridState.STARTING;
        try {
            grid = EmbeddedGrid.start(settings, GridNode.class.getClassLoader());
        } catch (GridStartupException e) {
            state = GridState.DOWN;
            LOG.error("Nautilus grid not started: {}", e.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            state = GridState.DOWN;
            LOG.error("Nautilus grid not started", e);
            return;
        }
        registration = context.registerService(Grid.class, grid, null);
        state = GridState.RUNNING;
    }

    private void stop() {
        if (registration != null) {
            // Unregistering stops the stores on the node first (synchronously), then the node stops.
            registration.unregister();
            registration = null;
        }
        if (grid != null) {
            grid.close();
            grid = null;
        }
        state = GridState.DOWN;
    }

    @Deactivate
    void deactivate() {
        lifecycle.execute(this::stop);
        lifecycle.shutdown();
        try {
            if (!lifecycle.awaitTermination(settings.activationTimeoutMs() + STOP_MARGIN_MS, TimeUnit.MILLISECONDS)) {
                LOG.error("Ignite node '{}' did not stop within {} ms; interrupting its lifecycle thread",
                        settings.instanceName(), settings.activationTimeoutMs() + STOP_MARGIN_MS);
                lifecycle.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lifecycle.shutdownNow();
        }
    }

    @Override
    public RejoinPlan planRejoin() {
        return NodeRejoin.plan(settings, state, Instant.now());
    }

    /** Plans again and moves the data aside on the lifecycle thread (no start can overlap), then starts the node. */
    @Override
    public synchronized RejoinPlan rejoin() {
        RejoinPlan plan;
        try {
            plan = lifecycle.submit(() -> {
                RejoinPlan current = planRejoin();
                if (!current.allowed()) {
                    throw new IllegalStateException(current.refusal());
                }
                try {
                    NodeRejoin.execute(current);
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "could not move " + current.workDirectory() + " to " + current.movedTo(), e);
                }
                state = GridState.STARTING;
                return current;
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the rejoin was carried out", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
        lifecycle.execute(this::start);
        return plan;
    }
}
