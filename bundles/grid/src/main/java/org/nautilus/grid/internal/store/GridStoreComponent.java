package org.nautilus.grid.internal.store;

import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditEntry;
import org.nautilus.api.audit.AuditFormat;
import org.nautilus.api.audit.AuditQuery;
import org.nautilus.api.audit.AuditRecord;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.audit.ConfigurationCheck;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.metrics.MetricsCollector;
import org.nautilus.api.metrics.MetricsSource;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.portfolio.PositionStore;
import org.nautilus.api.risk.TradingStatus;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.DailyPnlBaseline;
import org.nautilus.api.store.RiskStateStore;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.api.store.TradingStore;
import org.nautilus.grid.internal.journal.GroupCommit;
import org.nautilus.grid.internal.journal.Materializer;
import org.nautilus.grid.internal.node.Grid;
import org.nautilus.grid.internal.node.GridStartupException;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
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
 * The durable trading state on the grid node as OSGi services: {@link TradingStore} (OMS), {@link PositionStore}
 * (position keeper; inside the OMS's unit of work it joins it), {@link RiskStateStore} and {@link AuditService};
 * and a {@link ConfigurationListener} that writes every change of a {@code nautilus.*} configuration to the audit
 * journal. Activation opens the caches and refuses to start on a lost persistence directory (see
 * {@link IgniteTradingStore}).
 *
 * <p>The services are registered by this component once the store is open, not declared: Declarative Services
 * keeps a declared service registered when its activation fails and fails again on every use, which cascades
 * errors into every consumer; a store that cannot open must publish nothing, so its consumers simply wait (and
 * {@code nautilus:status} shows it missing) while the log says why. A grid restart restarts this component and, through their references, the OMS
 * and the position keeper, which recover from it.
 */
@Component(service = {}, configurationPid = StoreConfig.PID, immediate = true)
// Declared for resolvers (Karaf's feature resolver checks service requirements): registered in the constructor.
@Capability(namespace = "osgi.service", attribute = {"objectClass:List<String>=\"org.nautilus.api.store.TradingStore,"
        + "org.nautilus.api.portfolio.PositionStore,org.nautilus.api.store.RiskStateStore,"
        + "org.nautilus.api.audit.AuditService,org.osgi.service.cm.ConfigurationListener,"
        + "org.nautilus.api.metrics.MetricsSource\""}, uses = {TradingStore.class, PositionStore.class,
                RiskStateStore.class, AuditService.class})
// The snapshot component's handle on the store, registered in the constructor too (private to this bundle).
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"org.nautilus.grid.internal.store.StoreHost\"")
@Designate(ocd = StoreConfig.class)
public final class GridStoreComponent implements TradingStore, PositionStore, RiskStateStore, AuditService,
        ConfigurationListener, MetricsSource, StoreHost {

    private static final Logger LOG = LoggerFactory.getLogger(GridStoreComponent.class);

    private final Grid grid;
    private final BundleContext context;
    private volatile IgniteTradingStore store;
    private volatile AuditJournal audit;
    private final ConfigAuditor configs = new ConfigAuditor();
    private volatile ConfigurationAdmin configAdmin;
    private ServiceRegistration<?> registration;
    /** {@link StoreHost} for this bundle's snapshot component: registered while this component is active. */
    private ServiceRegistration<StoreHost> hostRegistration;
    private volatile StoreConfig config;

    /** The services this component publishes once the store is open, and their properties. */
    static final String[] SERVICES = {TradingStore.class.getName(), PositionStore.class.getName(),
            RiskStateStore.class.getName(), AuditService.class.getName(), ConfigurationListener.class.getName(),
            MetricsSource.class.getName()};

    /**
     * Opens the store; if it cannot (a lost persistence directory, say), logs why and stays active without services,
     * so that a corrected configuration ({@code fresh.start.allowed}, {@code marker.file}) or a restored directory
     * followed by a save of {@code etc/nautilus.store.cfg} retries without a restart.
     */
    @Activate
    public GridStoreComponent(@Reference Grid grid, StoreConfig config, BundleContext context) {
        this.grid = grid;
        this.context = context;
        this.config = config;
        open(config);
        hostRegistration = context.registerService(StoreHost.class, this, null);
    }

    private synchronized void open(StoreConfig config) {
        IgniteTradingStore opened;
        try {
            opened = IgniteTradingStore.open(grid, StoreSettings.from(config, grid.settings().workDirectory()));
        } catch (GridStartupException e) {
            LOG.error("Nautilus store not started: {}", e.getMessage());
            return;
        }
        store = opened;
        audit = new AuditJournal(opened);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(TradingStore.TYPE_PROPERTY, "ignite");
        properties.put("store.cache", IgniteTradingStore.POSITIONS);
        properties.put("store.id", opened.storeId());
        registration = context.registerService(SERVICES, this, properties);
        LOG.info("Nautilus store ready: {}", opened.description());
    }

    @Override
    public StoreSettings settings() {
        return StoreSettings.from(config, grid.settings().workDirectory());
    }

    @Override
    public synchronized IgniteTradingStore reopenAfter(Work work) {
        withdraw();
        IgniteTradingStore closing = store;
        store = null;
        audit = null;
        if (closing != null) {
            closing.close();
        }
        LOG.info("Nautilus store closed for maintenance (its services are withdrawn until it opens again)");
        try {
            work.run();
        } catch (Exception e) {
            LOG.error("Nautilus store: the work done while it was closed failed; opening it again", e);
            open(config);
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            if (store == null) {
                open(config);
            }
        }
        if (store == null) {
            throw new IllegalStateException("the trading store did not open again; the log says why");
        }
        return store;
    }

    private void withdraw() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
            registration = null;
        }
    }

    @Modified
    void modified(StoreConfig config) {
        this.config = config;
        IgniteTradingStore current = store;
        if (current == null) {
            LOG.info("Nautilus store: configuration changed, trying to open the store again");
            open(config);
            return;
        }
        current.maxBatch(config.commit_max_batch());
        LOG.info("Nautilus store: up to {} command(s) per commit", config.commit_max_batch());
    }

    @Deactivate
    synchronized void deactivate() {
        if (hostRegistration != null) {
            try {
                hostRegistration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping: the framework unregistered it
            }
        }
        withdraw();
        if (store != null) {
            store.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setConfigAdmin(ConfigurationAdmin admin) {
        configAdmin = admin;
        try {
            Configuration[] current = admin.listConfigurations("(service.pid=nautilus.*)");
            if (current != null) {
                for (Configuration configuration : current) {
                    configs.remember(configuration.getPid(), configuration.getProperties());
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("audit: the current configurations could not be read; their first change is recorded whole", e);
        }
    }

    void unsetConfigAdmin(ConfigurationAdmin admin) {
        if (configAdmin == admin) {
            configAdmin = null;
        }
    }

    /** Records a change of a {@code nautilus.*} configuration (called by Config Admin, asynchronously). */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (!ConfigAuditor.audited(pid) || event.getType() == ConfigurationEvent.CM_LOCATION_CHANGED) {
            return;
        }
        Dictionary<String, Object> properties = null;
        if (event.getType() == ConfigurationEvent.CM_UPDATED) {
            ConfigurationAdmin admin = configAdmin;
            if (admin == null) {
                return;
            }
            try {
                Configuration[] found = admin.listConfigurations("(service.pid=" + escape(pid) + ")");
                if (found == null || found.length == 0) {
                    return;
                }
                properties = found[0].getProperties();
            } catch (IOException | InvalidSyntaxException e) {
                LOG.warn("audit: configuration {} could not be read", pid, e);
                return;
            }
        }
        Optional<ConfigurationCheck.Refusal> refusal = properties == null ? Optional.empty() : refusal(pid, properties);
        configs.changed(pid, properties, refusal, Instant.now()).ifPresent(draft -> {
            try {
                audit.record(draft);
            } catch (StoreException e) {
                LOG.error("audit: the change of {} could not be recorded: {}", pid, e.getMessage());
            }
        });
    }

    /** The verdict of the PID's consumer (a risk rule) on the new properties, if it registered a check. */
    private Optional<ConfigurationCheck.Refusal> refusal(String pid, Dictionary<String, Object> properties) {
        Map<String, Object> values = new HashMap<>();
        for (String key : Collections.list(properties.keys())) {
            values.put(key, properties.get(key));
        }
        try {
            for (ServiceReference<ConfigurationCheck> ref : context.getServiceReferences(ConfigurationCheck.class,
                    "(" + ConfigurationCheck.PID + "=" + escape(pid) + ")")) {
                ConfigurationCheck check = context.getService(ref);
                if (check == null) {
                    continue;
                }
                try {
                    Optional<ConfigurationCheck.Refusal> refused = check.check(values);
                    if (refused.isPresent()) {
                        return refused;
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException | RuntimeException e) {
            LOG.warn("audit: configuration {} could not be checked; recorded as changed", pid, e);
        }
        return Optional.empty();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }

    /** The group commit's and the journal's own counters, read at scrape time (nothing is counted twice). */
    @Override
    public void collect(MetricsCollector out) {
        IgniteTradingStore current = store;
        if (current == null) {
            return;
        }
        GroupCommit.Stats commits = current.stats();
        out.counter("nautilus_store_group_commits_total", "Group commits (one sync each)", commits.groups());
        out.counter("nautilus_store_commands_total", "Commands made durable by group commits", commits.units());
        out.counter("nautilus_store_commit_write_seconds_total", "Time spent writing and syncing group commits",
                commits.writeNanos() / 1e9);
        out.counter("nautilus_store_slow_commits_total", "Group commits whose write and sync took over "
                + GroupCommit.SLOW_WRITE_MILLIS + " ms", commits.slowWrites());
        out.gauge("nautilus_store_commit_max_batch", "Most commands one group commit may hold", commits.maxBatch());
        // The materializer's lock is held only to copy its counters (the committer takes it once per group).
        Materializer.Stats behind = current.materializerStats();
        if (behind != null) {
            out.gauge("nautilus_journal_lag_commands", "Journaled commands not yet written to Ignite", behind.lag());
            out.counter("nautilus_journal_materialized_commands_total", "Journaled commands written to Ignite",
                    behind.units());
            out.counter("nautilus_journal_materialize_seconds_total", "Time spent writing journaled commands to Ignite",
                    behind.writeNanos() / 1e9);
        }
    }

    /** The store behind the services (the cluster service reads its statistics). */
    public IgniteTradingStore store() {
        return store;
    }

    // ------------------------------------------------------------------ TradingStore

    @Override
    public void begin() {
        store.begin();
    }

    @Override
    public Commit end() {
        return store.end();
    }

    @Override
    public boolean inUnitOfWork() {
        return store.inUnitOfWork();
    }

    @Override
    public void record(StoredOrder order, OrderEvent event) {
        store.record(order, event);
    }

    @Override
    public long reserveOrderIds(int count) {
        return store.reserveOrderIds(count);
    }

    @Override
    public void forEachOrder(Consumer<StoredOrder> action) {
        store.forEachOrder(action);
    }

    @Override
    public Optional<StoredOrder> order(OrderId id) {
        return store.order(id);
    }

    @Override
    public Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        return store.orderId(clientOrderId);
    }

    @Override
    public List<OrderEvent> events(OrderId id) {
        return store.events(id);
    }

    @Override
    public List<Fill> fills(OrderId id) {
        return store.fills(id);
    }

    @Override
    public long orderCount() {
        return store.orderCount();
    }

    @Override
    public String description() {
        return store.description();
    }

    // ------------------------------------------------------------------ PositionStore

    @Override
    public void save(Position position) {
        store.save(position);
    }

    @Override
    public Optional<Position> load(PortfolioId portfolio, InstrumentId instrument) {
        return store.load(portfolio, instrument);
    }

    @Override
    public List<Position> loadAll() {
        return store.loadAll();
    }

    // ------------------------------------------------------------------ RiskStateStore

    @Override
    public void save(TradingStatus status) {
        store.save(status);
    }

    @Override
    public List<TradingStatus> tradingStatuses() {
        return store.tradingStatuses();
    }

    @Override
    public void save(DailyPnlBaseline baseline) {
        store.save(baseline);
    }

    @Override
    public Optional<DailyPnlBaseline> dailyPnlBaseline(PortfolioId portfolio) {
        return store.dailyPnlBaseline(portfolio);
    }

    @Override
    public List<DailyPnlBaseline> dailyPnlBaselines() {
        return store.dailyPnlBaselines();
    }

    // ------------------------------------------------------------------ AuditService

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        return audit.query(query);
    }

    @Override
    public long export(AuditQuery query, AuditFormat format, Appendable out) throws IOException {
        return audit.export(query, format, out);
    }

    @Override
    public String format(AuditEntry entry, AuditFormat format) {
        return audit.format(entry, format);
    }

    @Override
    public AuditEntry record(AuditCategory category, String type, String subject, PortfolioId portfolio, String detail,
            Map<String, String> fields) {
        return audit.record(category, type, subject, portfolio, detail, fields);
    }

    @Override
    public List<AuditEntry> recordAll(List<AuditRecord> entries) {
        return audit.recordAll(entries);
    }

    @Override
    public long size() {
        return audit.size();
    }
}
