package org.nautilus.grid.internal.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.nautilus.api.cluster.ClusterService;
import org.nautilus.api.cluster.ClusterStatus;
import org.nautilus.api.cluster.OmsLeadership;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.portfolio.PositionService;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.store.TradingStore;
import org.nautilus.api.venue.VenueService;
import org.nautilus.grid.internal.node.BaselineRemoval;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.store.GridStoreComponent;
import org.nautilus.grid.internal.store.IgniteTradingStore;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the OMS runs. Every node deploys the {@link OmsLeaderService} cluster singleton (deploying it again is a
 * no-op); Ignite starts it on one node, and again on a survivor when that node dies. The node holding it takes a new
 * leadership epoch in the store (fencing any earlier holder), and registers {@link OmsLeadership}, which the OMS
 * and the position keeper require: they start there and recover from the store, registered as local services
 * ({@link ClusterService#LOCAL_PROPERTY}). {@link Leadership} keeps at it until the OMS runs (an epoch it cannot
 * take, an OMS that failed to start: retried with a bounded backoff) and says why meanwhile. Every node registers, for as long as it runs, the services clients use:
 * an {@link OrderService} and {@link VenueService} ({@link ClusterOms}: the local OMS on the leader, forwarded to it
 * elsewhere) and a {@link PositionService} ({@link ClusterPositions}), so clients on any node reach the one OMS and
 * stay bound when it moves. The leader also grows the baseline with server nodes that join (never shrinks it).
 * Registrations change on this component's own thread, never on Ignite's.
 */
@Component(service = ClusterService.class, immediate = true)
// Registered at runtime (leadership here, forwarders elsewhere): declared for resolvers.
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.nautilus.api.cluster.OmsLeadership\"", uses = OmsLeadership.class)
public final class ClusterComponent implements ClusterService {

    static final String SINGLETON = "nautilus-oms-leader";
    /** How long a forwarded call waits for the proxy (the leader's commit included) and for a moving leader. */
    static final long CALL_TIMEOUT_MS = 30_000;
    private static final String LOCAL_SERVICE = "(" + ClusterService.LOCAL_PROPERTY + "=true)";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterComponent.class);
    /** By Ignite instance name: the singleton instance Ignite starts finds its node's component here. */
    private static final Map<String, ClusterComponent> LOCAL = new ConcurrentHashMap<>();
    /**
     * By Ignite instance name: whether the singleton runs on that node now. Kept apart from the component, which may
     * be created again (its store restarting, say) while Ignite keeps the singleton where it is and never says so
     * again.
     */
    private static final Map<String, Boolean> HELD = new ConcurrentHashMap<>();
    /** The first retry of a leadership that could not start; the delay doubles up to {@link #RETRY_MAX}. */
    static final Duration RETRY_FIRST = Duration.ofSeconds(1);
    static final Duration RETRY_MAX = Duration.ofSeconds(30);
    /** How long each step of handing the OMS over (cancel, deploy elsewhere) may take when this node stops. */
    static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(10);
    /** How long the singleton may run nowhere (a handover cut short) before the oldest node deploys it again. */
    static final long UNDEPLOYED_GRACE_MS = 15_000;

    private final Grid grid;
    private final IgniteTradingStore store;
    private final TradingStore tradingStore;
    private final BundleContext context;
    private final ScheduledExecutorService thread;
    private final OmsDispatcher dispatcher;
    private final List<ServiceRegistration<?>> clientServices = new ArrayList<>();
    /** Nodes outside the baseline by when they were first seen; touched on {@link #thread} only. */
    private final Map<String, Long> joinedOutsideBaseline = new HashMap<>();
    // The leader's own OMS, execution engine and position keeper (the real ones), while they run here.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, target = LOCAL_SERVICE)
    private volatile OrderService localOrders;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, target = LOCAL_SERVICE)
    private volatile VenueService localVenues;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, target = LOCAL_SERVICE)
    private volatile PositionService localPositions;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MarketDataService marketData;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServiceComponentRuntime components;
    private final Leadership leadership;
    private final SingletonHandover singleton;
    /** Hands the OMS over as soon as Karaf begins to stop, not when this bundle's turn comes. */
    private final SynchronousBundleListener frameworkStopping;
    /** Since when the singleton has been seen undeployed (0: it is deployed); touched on {@link #thread} only. */
    private long undeployedSince;
    private volatile OmsClusterEndpoint endpoint;

    @Activate
    public ClusterComponent(@Reference Grid grid,
            @Reference(target = "(" + TradingStore.TYPE_PROPERTY + "=ignite)") TradingStore tradingStore,
            BundleContext context) {
        this.grid = grid;
        this.tradingStore = tradingStore;
        this.store = ((GridStoreComponent) tradingStore).store();
        this.context = context;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nautilus-cluster");
            t.setDaemon(true);
            return t;
        });
        this.leadership = new Leadership(grid.settings().consistentId(), new LeadershipHost(), thread, RETRY_FIRST,
                RETRY_MAX, System::currentTimeMillis);
        LocalOms local = new LocalOms(() -> localOrders, () -> localVenues, leadership::whyNoOms,
                CALL_TIMEOUT_MS / 2);
        this.dispatcher = new OmsDispatcher(local);
        this.singleton = new SingletonHandover(grid.ignite(), SINGLETON, OmsLeaderService::new);
        String name = grid.ignite().name();
        LOCAL.put(name, this);
        if (Boolean.TRUE.equals(HELD.get(name))) {
            leadershipChanged(true);
        }
        registerClientServices(local);
        thread.execute(this::deploy);
        thread.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
        this.frameworkStopping = event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                handOverBeforeStopping("Karaf is stopping");
            }
        };
        context.addBundleListener(frameworkStopping);
    }

    private void registerClientServices(LocalOms local) {
        Hashtable<String, Object> properties = new Hashtable<>(
                Map.of(Constants.SERVICE_RANKING, ClusterService.CLUSTER_RANKING));
        ClusterOms oms = new ClusterOms(leadership::registered, local, new RemoteOms(this::endpoint));
        clientServices.add(context.registerService(new String[] {OrderService.class.getName(),
                VenueService.class.getName()}, oms, properties));
        PositionService stored = new StorePositions((PositionStore) tradingStore, this::mark);
        clientServices.add(context.registerService(PositionService.class,
                new ClusterPositions(() -> localPositions, stored), properties));
    }

    @Deactivate
    void deactivate() {
        try {
            context.removeBundleListener(frameworkStopping);
        } catch (IllegalStateException stopping) {
            // the bundle context is no longer valid: the listener goes with it
        }
        // The bundle stopping (Karaf stopping, the grid bundle updated): this node's Ignite stops next, so the OMS
        // moves now. A component restarted for another reason (its store re-created) keeps the singleton here.
        if (stopping(context.getBundle()) || stopping(context.getBundle(0))) {
            handOverBeforeStopping("the grid bundle is stopping");
        }
        LOCAL.remove(grid.ignite().name(), this);
        clientServices.forEach(ClusterComponent::unregister);
        thread.execute(() -> {
            leadership.lost();
            store.releaseEpoch();
        });
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean stopping(Bundle bundle) {
        return bundle != null && bundle.getState() == Bundle.STOPPING;
    }

    /**
     * This node stops: if it runs the OMS, stop the OMS here and move the singleton to another node while this one
     * is still in the cluster (else the OMS would move only once this node's Ignite has left, after every bundle has
     * stopped and the graceful shutdown has waited for its partitions). Waits for it, bounded.
     */
    private void handOverBeforeStopping(String why) {
        if (thread.isShutdown()) {
            return;
        }
        try {
            thread.submit(() -> {
                if (!leadership.registered() && !Boolean.TRUE.equals(HELD.get(grid.ignite().name()))) {
                    return;
                }
                LOG.info("cluster: {}; handing the OMS over to another node", why);
                leadership.lost();
                store.releaseEpoch();
                try {
                    singleton.handOver(HANDOVER_TIMEOUT);
                } catch (RuntimeException e) {
                    LOG.warn("cluster: could not hand the OMS over ({}); it moves when this node has left",
                            e.getMessage());
                }
            }).get(3 * HANDOVER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.warn("cluster: handing the OMS over did not finish ({}); it moves when this node has left",
                    e.toString());
        }
    }

    // ------------------------------------------------------------------ leadership

    /** Called by the singleton Ignite started ({@code true}) or stopped ({@code false}) on this node. */
    static void leadership(String instance, boolean acquired) {
        HELD.put(instance, acquired);
        ClusterComponent component = LOCAL.get(instance);
        if (component != null) {
            component.leadershipChanged(acquired);
        }
    }

    /** A call forwarded by another node to this node's OMS. */
    static String dispatch(String instance, String method, String arguments) {
        ClusterComponent component = LOCAL.get(instance);
        if (component == null) {
            return "{\"error\":\"" + OmsDispatcher.UNAVAILABLE + "\",\"message\":\"the OMS node is stopping; retry\"}";
        }
        return component.dispatcher.call(method, arguments);
    }

    private void leadershipChanged(boolean acquired) {
        thread.execute(acquired ? leadership::acquired : leadership::lost);
    }

    private void everySecond() {
        leadership.check(localOrders != null && localVenues != null);
        growBaseline();
        redeployIfGone();
    }

    /**
     * A handover cut short (its node died between cancel and deploy) leaves no singleton, and a handed-over singleton
     * whose holder left just after another node joined was seen assigned to no node: the oldest server node deploys
     * it again once that has lasted {@link #UNDEPLOYED_GRACE_MS}.
     */
    private void redeployIfGone() {
        try {
            if (singleton.holder().isPresent()) {
                undeployedSince = 0;
                return;
            }
            long now = System.currentTimeMillis();
            if (undeployedSince == 0) {
                undeployedSince = now;
            } else if (now - undeployedSince >= UNDEPLOYED_GRACE_MS
                    && grid.ignite().cluster().forServers().forOldest().node().isLocal()) {
                LOG.warn("cluster: the OMS leadership singleton has run on no node for {} ms; deploying it again",
                        now - undeployedSince);
                undeployedSince = 0;
                singleton.repair();
            }
        } catch (RuntimeException e) {
            LOG.warn("cluster: could not check the OMS leadership singleton; retrying: {}", e.getMessage());
        }
    }

    /** The leadership's view of this node: the store's epoch, the OSGi registration, what SCR says of the OMS. */
    private final class LeadershipHost implements Leadership.Host {

        @Override
        public long acquireEpoch() {
            return store.acquireEpoch();
        }

        @Override
        public void releaseEpoch() {
            store.releaseEpoch();
        }

        @Override
        public Runnable register(long epoch) {
            String node = grid.settings().consistentId();
            ServiceRegistration<OmsLeadership> registration = context.registerService(OmsLeadership.class,
                    new OmsLeadership() {
                        @Override
                        public String node() {
                            return node;
                        }

                        @Override
                        public long epoch() {
                            return epoch;
                        }
                    }, new Hashtable<>(Map.of("oms.epoch", epoch, "oms.node", node)));
            return () -> unregister(registration);
        }

        @Override
        public Optional<String> startFailure() {
            return describe(leadershipComponents(), ComponentConfigurationDTO.FAILED_ACTIVATION,
                    c -> rootCause(c.failure));
        }

        @Override
        public Optional<String> waitingFor() {
            return describe(leadershipComponents(), ComponentConfigurationDTO.UNSATISFIED_REFERENCE,
                    c -> "its " + Arrays.stream(c.unsatisfiedReferences).map(r -> r.name).sorted()
                            .collect(Collectors.joining(", ")));
        }
    }

    /** The configurations of every component that requires the OMS leadership (the OMS, the position keeper). */
    private List<ComponentConfigurationDTO> leadershipComponents() {
        ServiceComponentRuntime runtime = components;
        if (runtime == null) {
            return List.of();
        }
        List<ComponentConfigurationDTO> found = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            if (description.references != null && Arrays.stream(description.references)
                    .anyMatch(r -> OmsLeadership.class.getName().equals(r.interfaceName))) {
                found.addAll(runtime.getComponentConfigurationDTOs(description));
            }
        }
        return found;
    }

    private static Optional<String> describe(List<ComponentConfigurationDTO> configurations, int state,
            Function<ComponentConfigurationDTO, String> detail) {
        String text = configurations.stream().filter(c -> c.state == state)
                .map(c -> simpleName(c.description.name) + ": " + detail.apply(c))
                .collect(Collectors.joining("; "));
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static String simpleName(String componentName) {
        return componentName.substring(componentName.lastIndexOf('.') + 1);
    }

    /** What a failed activation's stack trace says in one line: its deepest cause ("Caused by: ..."), else its first. */
    static String rootCause(String trace) {
        if (trace == null || trace.isBlank()) {
            return "no reason given";
        }
        String cause = trace.lines().map(String::strip).filter(l -> l.startsWith("Caused by: "))
                .reduce((first, second) -> second).map(l -> l.substring("Caused by: ".length()))
                .orElse(trace.lines().findFirst().orElse("").strip());
        return cause.length() <= 300 ? cause : cause.substring(0, 300) + "...";
    }

    private void deploy() {
        try {
            singleton.deploy();
        } catch (RuntimeException e) {
            LOG.error("cluster: the OMS leadership singleton could not be deployed; retrying in 5 s", e);
            thread.schedule(this::deploy, 5, TimeUnit.SECONDS);
        }
    }

    /**
     * On the leader, with persistence: a server node that joined and has stayed {@code baseline.join.delay.ms} is
     * added to the baseline (with every baseline node, online or not: the baseline never shrinks by itself).
     */
    private void growBaseline() {
        long delay = grid.settings().baselineJoinDelayMs();
        Ignite ignite = grid.ignite();
        try {
            if (!leadership.registered() || delay <= 0 || !grid.settings().persistenceEnabled()
                    || ignite.cluster().state() != ClusterState.ACTIVE) {
                joinedOutsideBaseline.clear();
                return;
            }
            Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
            Set<Object> inBaseline = new HashSet<>();
            if (baseline != null) {
                baseline.forEach(b -> inBaseline.add(b.consistentId()));
            }
            List<ClusterNode> joined = ignite.cluster().forServers().nodes().stream()
                    .filter(n -> !inBaseline.contains(n.consistentId())).toList();
            long now = System.currentTimeMillis();
            joinedOutsideBaseline.keySet()
                    .retainAll(joined.stream().map(n -> String.valueOf(n.consistentId())).toList());
            joined.forEach(n -> joinedOutsideBaseline.putIfAbsent(String.valueOf(n.consistentId()), now));
            if (joined.isEmpty() || joinedOutsideBaseline.values().stream().anyMatch(t -> now - t < delay)) {
                return;
            }
            List<BaselineNode> grown = new ArrayList<>(baseline == null ? List.of() : baseline);
            grown.addAll(joined);
            ignite.cluster().setBaselineTopology(grown);
            joinedOutsideBaseline.clear();
            LOG.info("cluster: baseline now {} (added {})", grown.stream().map(b -> String.valueOf(b.consistentId()))
                    .sorted().toList(), joined.stream().map(n -> String.valueOf(n.consistentId())).sorted().toList());
        } catch (RuntimeException e) {
            LOG.warn("cluster: could not update the baseline; retrying", e);
        }
    }

    /**
     * The leader's endpoint. One proxy serves every call: it is not sticky, so each call goes to wherever the
     * singleton runs then (looked up locally); making a proxy per call cost every forwarded order a lookup.
     */
    private OmsClusterEndpoint endpoint() {
        OmsClusterEndpoint proxy = endpoint;
        if (proxy == null) {
            proxy = grid.ignite().services().serviceProxy(SINGLETON, OmsClusterEndpoint.class, false,
                    CALL_TIMEOUT_MS);
            endpoint = proxy;
        }
        return proxy;
    }

    private Optional<Price> mark(InstrumentId instrument) {
        MarketDataService current = marketData;
        return current == null ? Optional.empty() : current.mark(instrument);
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping
        }
    }

    // ------------------------------------------------------------------ status

    /** The port other nodes reach this one on (TcpCommunicationSpi publishes it as a node attribute). */
    private static Optional<Object> communicationPort(ClusterNode node) {
        return node.attributes().entrySet().stream().filter(e -> e.getKey().endsWith("comm.tcp.port"))
                .map(Map.Entry::getValue).filter(Objects::nonNull).findFirst();
    }

    @Override
    public List<String> removeFromBaseline(String node) {
        return BaselineRemoval.remove(grid.ignite(), node);
    }

    @Override
    public ClusterStatus status() {
        Ignite ignite = grid.ignite();
        Collection<ClusterNode> servers = ignite.cluster().forServers().nodes();
        Collection<BaselineNode> baseline = ignite.cluster().currentBaselineTopology();
        Set<String> baselineIds = new TreeSet<>();
        if (baseline != null) {
            baseline.forEach(b -> baselineIds.add(String.valueOf(b.consistentId())));
        }
        UUID leaderId = singleton.holder().orElse(null);
        Affinity<Object> affinity = ignite.affinity(IgniteTradingStore.ORDERS_CACHE);
        List<org.nautilus.api.cluster.ClusterNode> nodes = new ArrayList<>();
        Set<String> online = new TreeSet<>();
        String leaderNode = null;
        for (ClusterNode node : servers) {
            String id = String.valueOf(node.consistentId());
            online.add(id);
            boolean isLeader = node.id().equals(leaderId);
            if (isLeader) {
                leaderNode = id;
            }
            String addresses = String.join(",", node.addresses())
                    + communicationPort(node).map(port -> ":" + port).orElse("");
            nodes.add(new org.nautilus.api.cluster.ClusterNode(id, addresses, node.isLocal(), isLeader,
                    baselineIds.contains(id), affinity.primaryPartitions(node).length,
                    affinity.backupPartitions(node).length));
        }
        nodes.sort((a, b) -> a.id().compareTo(b.id()));
        List<String> offline = new ArrayList<>(baselineIds);
        offline.removeAll(online);
        int lost = ignite.cache(IgniteTradingStore.ORDERS_CACHE).lostPartitions().size();
        long currentEpoch = store.epoch().map(m -> m.number()).orElse(0L);
        return new ClusterStatus(ignite.cluster().state().name(), nodes, offline, leaderNode, currentEpoch,
                grid.settings().cacheBackups(), affinity.partitions(), lost);
    }
}
