package org.nautilus.grid.internal.node;

import java.io.ObjectInputFilter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cluster.BaselineTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Ignite server node started from {@link GridSettings}: checks the JVM and the work directory, starts the node
 * with the given class loader, activates the cluster. Plain Java, used by {@link GridNode} and by tests.
 */
public final class EmbeddedGrid implements Grid, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedGrid.class);
    private static final String FILTER_AUTOCONFIGURATION = "IGNITE_ENABLE_OBJECT_INPUT_FILTER_AUTOCONFIGURATION";
    /** Ignite's words when a node's persisted baseline history has a gap (see {@link BaselineHistory}). */
    static final String HISTORY_GAP = "Restoring of BaselineTopology history has failed";
    /** How often a persistent node checks its baseline history (cheap: a few metastorage reads when it changed). */
    static final long HISTORY_CHECK_MS = 1_000;
    /** Off only in tests that show Ignite's behaviour without the check. */
    static volatile boolean historyCheckEnabled = true;

    private final GridSettings settings;
    private final Ignite ignite;
    private final long startMillis;
    /** Checks the baseline history after every baseline change; {@code null} without persistence. */
    private final ScheduledExecutorService historyCheck;
    /** The baseline id whose history was last found complete; touched on {@link #historyCheck} only. */
    private int historyCompleteFor = -1;
    /** The baseline id for which a history still missing was last reported; on {@link #historyCheck} only. */
    private int historyWarnedFor = -1;

    private EmbeddedGrid(GridSettings settings, Ignite ignite, long startMillis) {
        this.settings = settings;
        this.ignite = ignite;
        this.startMillis = startMillis;
        if (settings.persistenceEnabled()) {
            historyCheck = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "nautilus-baseline-history-" + settings.instanceName());
                t.setDaemon(true);
                return t;
            });
            historyCheck.scheduleWithFixedDelay(this::checkBaselineHistory, 0, HISTORY_CHECK_MS, TimeUnit.MILLISECONDS);
        } else {
            historyCheck = null;
        }
    }

    /**
     * A node that joined while the baseline was changing may lack an item of its baseline history and then cannot
     * start after a whole-cluster stop (Ignite race, see {@link BaselineHistory}): fill the gap from another node
     * as soon as it appears, i.e. whenever the baseline changed.
     */
    private void checkBaselineHistory() {
        try {
            if (!historyCheckEnabled || !ignite.cluster().state().active()) {
                return;
            }
            BaselineTopology current = ((IgniteEx) ignite).context().state().clusterState().baselineTopology();
            if (current == null || current.id() == historyCompleteFor) {
                return;
            }
            List<Integer> missing = BaselineHistory.repair(ignite);
            if (missing.isEmpty()) {
                historyCompleteFor = current.id();
            } else if (historyWarnedFor != current.id()) {
                historyWarnedFor = current.id();
                LOG.warn("Ignite node '{}': baseline history item(s) {} of baseline {} are missing here and no other "
                        + "node has sent them yet; retrying every {} ms (until then this node could not start again "
                        + "after a whole-cluster stop)", settings.instanceName(), missing, current.id(),
                        HISTORY_CHECK_MS);
            }
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                LOG.warn("Ignite node '{}': could not check the baseline history; retrying: {}",
                        settings.instanceName(), rootMessage(e));
            }
        }
    }

    /**
     * Starts the node and, if configured, activates the cluster; returns when caches can be used.
     *
     * @param classLoader sees Ignite and the classes stored in caches (in OSGi: this bundle's class loader)
     * @throws GridStartupException with an actionable message if the node cannot start
     */
    public static EmbeddedGrid start(GridSettings settings, ClassLoader classLoader) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(classLoader, "classLoader");
        long t0 = System.nanoTime();
        JvmChecks.requireOpens(EmbeddedGrid.class);
        WorkDirectory.prepare(settings.workDirectory());
        quietDefaults();
        IgniteConfiguration cfg = IgniteConfigurationFactory.create(settings, classLoader, new Slf4jIgniteLogger());

        Ignite ignite;
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Ignite resolves some classes and service files through the context class loader while starting.
        thread.setContextClassLoader(classLoader);
        try {
            ignite = Ignition.start(cfg);
        } catch (RuntimeException | LinkageError e) {
            throw new GridStartupException(startFailure(settings, e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        try {
            if (settings.autoActivate() && ignite.cluster().state() != ClusterState.ACTIVE) {
                activate(ignite, settings);
            }
            if (settings.persistenceEnabled() && ignite.cluster().state() == ClusterState.ACTIVE) {
                // Ignite's auto-adjust also drops nodes that leave, which gives the survivors a newer baseline than
                // the dead node's: the cluster then only restarts if they start first. The baseline only grows
                // here (ClusterComponent adds joining nodes).
                ignite.cluster().baselineAutoAdjustEnabled(false);
            }
        } catch (GridStartupException e) {
            Ignition.stop(settings.instanceName(), true);
            throw e;
        } catch (RuntimeException e) {
            Ignition.stop(settings.instanceName(), true);
            throw new GridStartupException("Ignite node '" + settings.instanceName() + "' started but the cluster "
                    + "could not be activated on " + settings.workDirectory() + ": " + rootMessage(e), e);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        EmbeddedGrid grid = new EmbeddedGrid(settings, ignite, millis);
        LOG.info("Ignite node '{}' started in {} ms: {}, cluster {}, {} server node(s), {}{}", settings.instanceName(),
                millis, grid.describe(), ignite.cluster().state(), ignite.cluster().forServers().nodes().size(),
                settings.gracefulShutdown() ? "graceful shutdown" : "immediate shutdown",
                settings.zoneAware() ? ", zone " + settings.zone() + " (backups go to other zones)" : "");
        return grid;
    }

    /**
     * Activates a new cluster, or waits for a persistent one that was stopped whole: it may only activate once every
     * node of its baseline is back (activating without one would make the partitions only it held unavailable);
     * Ignite then activates it by itself.
     */
    private static void activate(Ignite ignite, GridSettings settings) {
        Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
        if (baseline == null || baseline.isEmpty() || !settings.persistenceEnabled()) {
            ignite.cluster().state(ClusterState.ACTIVE);
            return;
        }
        long deadline = System.nanoTime() + settings.activationTimeoutMs() * 1_000_000L;
        long nextLog = 0;
        while (ignite.cluster().state() != ClusterState.ACTIVE) {
            Set<String> online = new TreeSet<>();
            for (ClusterNode node : ignite.cluster().forServers().nodes()) {
                online.add(String.valueOf(node.consistentId()));
            }
            Set<String> missing = new TreeSet<>();
            for (BaselineNode node : baseline) {
                if (!online.contains(String.valueOf(node.consistentId()))) {
                    missing.add(String.valueOf(node.consistentId()));
                }
            }
            if (missing.isEmpty()) {
                ignite.cluster().state(ClusterState.ACTIVE);
                return;
            }
            long now = System.nanoTime();
            if (now - deadline > 0) {
                throw new GridStartupException("Ignite node '" + settings.instanceName() + "': the persistent cluster "
                        + "cannot activate, baseline node(s) " + missing + " did not come back within "
                        + settings.activationTimeoutMs() + " ms. Start them; or, if they are gone for good, activate "
                        + "the cluster without them and remove them from the baseline (control.sh --set-state ACTIVE, "
                        + "control.sh --baseline remove), knowing that partitions only they held are lost.");
            }
            if (now - nextLog > 0) {
                LOG.info("Ignite node '{}': waiting for baseline node(s) {} to rejoin before the cluster activates",
                        settings.instanceName(), missing);
                nextLog = now + 10_000_000_000L;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridStartupException("interrupted while waiting for the cluster to activate");
            }
        }
    }

    @Override
    public Ignite ignite() {
        return ignite;
    }

    @Override
    public GridSettings settings() {
        return settings;
    }

    /** Time {@link #start} took, checks and activation included. */
    public long startMillis() {
        return startMillis;
    }

    /** Stops the node; committed transactions are in the WAL, so nothing acknowledged is lost. */
    @Override
    public void close() {
        long t0 = System.nanoTime();
        if (historyCheck != null) {
            historyCheck.shutdownNow();
            try {
                historyCheck.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // cancel=true: interrupt running compute jobs instead of waiting for them; transactions are atomic anyway.
        Ignition.stop(settings.instanceName(), true);
        LOG.info("Ignite node '{}' stopped in {} ms", settings.instanceName(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Ignite's defaults call home for updates, print an ASCII logo to stdout, and print a warning to stdout when
     * IGNITE_HOME cannot be derived from its jar (never in a bundle); unless the operator set them, settle all
     * three before the node reads them. IGNITE_HOME is resolved once per JVM, must stay an existing directory and
     * only names a default location (the work directory is always explicit): Karaf's home is the stable choice.
     */
    private static void quietDefaults() {
        setIfAbsent("IGNITE_UPDATE_NOTIFIER", "false");
        setIfAbsent("IGNITE_NO_ASCII", "true");
        // Ignite installs a JVM-wide deserialization filter once and refuses to start if a filter is already set,
        // even its own from an earlier class loader (after bundle:update). That earlier filter keeps protecting
        // the JVM with the same lists, so leave it in place; a Karaf restart releases the old class loader.
        ObjectInputFilter existing = ObjectInputFilter.Config.getSerialFilter();
        if (existing != null
                && existing.getClass().getName().equals("org.apache.ignite.marshaller.IgniteObjectInputFilter")
                && existing.getClass().getClassLoader() != Ignition.class.getClassLoader()
                && System.getProperty(FILTER_AUTOCONFIGURATION) == null) {
            LOG.warn(
                    "Ignite's deserialization filter from an earlier copy of this bundle is still installed; keeping it "
                            + "(restart Karaf to release that copy's memory)");
            System.setProperty(FILTER_AUTOCONFIGURATION, "false");
        }
        String karafHome = System.getProperty("karaf.home");
        if (System.getenv("IGNITE_HOME") == null && karafHome != null && Files.isDirectory(Paths.get(karafHome))) {
            setIfAbsent("IGNITE_HOME", karafHome);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String startFailure(GridSettings s, Throwable e) {
        String where = s.persistenceEnabled()
                ? " on work directory " + s.workDirectory() + " (consistent id '" + s.consistentId() + "')"
                : "";
        if (rootMessage(e).contains(HISTORY_GAP)) {
            return "Ignite node '" + s.instanceName() + "' failed to start" + where + ": " + rootMessage(e)
                    + ". Its copy of the cluster's baseline history is incomplete (it joined while the baseline was "
                    + "changing and stopped before the gap was filled), so Ignite cannot use its data as it is. The "
                    + "other nodes hold a backup of everything it held (cache.backups >= 1): run nautilus:cluster-rejoin "
                    + "on this node to see the plan, then nautilus:cluster-rejoin --yes to move " + s.workDirectory()
                    + " aside and let the node rejoin empty, taking its data from the others.";
        }
        return "Ignite node '" + s.instanceName() + "' failed to start" + where + ": " + rootMessage(e)
                + (s.persistenceEnabled()
                        ? ". If the persistent data is damaged, restore " + s.workDirectory()
                                + " from a backup or move "
                                + "it away to start with an empty grid (in a cluster with cache.backups >= 1, "
                                + "nautilus:cluster-rejoin does that and takes the data back from the other nodes); if the "
                                + "ports are taken, change discovery.port / "
                                + "communication.port in etc/" + GridConfig.PID + ".cfg."
                        : ".");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String first = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        if (root == e || root.getMessage() == null || first.contains(root.getMessage())) {
            return first;
        }
        return first + " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
