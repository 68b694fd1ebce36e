package org.nautilus.fix.gateway.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.access.UserAuthenticator;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.oms.OrderEventFeed;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.store.FixSessionStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.ConfigError;
import quickfix.MessageStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;

/**
 * The FIX order-entry gateway: a QuickFIX/J acceptor (the QuickFIX/J API directly, not camel-quickfix: an order is
 * one hop from the socket to {@link OrderService#submitAsync}, and the session callbacks we need, Logon checks and
 * disconnects, are Application methods that a Camel route would only relay) with the sessions of
 * etc/fix/gateway.cfg. It subscribes to the committed order events (the cluster's {@link OrderEventFeed} where the
 * grid offers one, so sessions on any node get their reports; else the OMS's whiteboard on its node), so every report
 * it sends is of a durable change; dropped by its source, it subscribes again and resumes where it was.
 *
 * <p>Sessions' sequence numbers and sent messages are kept in QuickFIX/J's FileStore (session.store = file) or in the
 * cluster's {@link FixSessionStore} (grid): then the acceptor runs while that store is there (it starts when the
 * store appears, stops when it goes), and never over a FileStore, whose numbers another node could not continue.
 * The choice is configuration, not the store's presence at start-up: a gateway that started before the grid would
 * otherwise have its sessions' numbers in two places.
 */
@Component(configurationPid = GatewayConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = GatewayConfig.class)
public final class FixGatewayComponent {

    private static final Logger LOG = LoggerFactory.getLogger(FixGatewayComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile OrderService orders;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile UserAuthenticator users;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditService audit;

    private FixGateway gateway;
    private SessionSettings settings;
    private boolean grid;
    private String describe;
    // Guarded by this: the acceptor, and the grid store it runs over (null with a FileStore).
    private ThreadedSocketAcceptor acceptor;
    private FixSessionStore acceptorStore;
    private FixSessionStore sessionStore;
    /** The cluster's committed order events, where the grid offers them. */
    private volatile OrderEventFeed feed;
    private BundleContext context;
    private int queueSize;
    /** Guarded by this: the gateway's event subscriber (null when stopped) and how to end its subscription. */
    private GatewayEvents events;
    private Runnable stopEvents;
    /** Subscribes again, off the callers' threads (DS, the feed's delivery thread). */
    private final ScheduledExecutorService resubscribe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "nautilus-fix-gateway-events");
        t.setDaemon(true);
        return t;
    });
    private static final long RESUBSCRIBE_SECONDS = 1;

    @Activate
    synchronized void activate(GatewayConfig config, BundleContext context) throws Exception {
        this.context = context;
        grid = switch (config.session_store().trim()) {
            case "file" -> false;
            case "grid" -> true;
            default -> throw new IllegalArgumentException("FIX gateway: session.store must be file or grid, got '"
                    + config.session_store() + "' (etc/nautilus.fix.gateway.cfg)");
        };
        Path file = Path.of(System.getProperty("karaf.home", ".")).resolve(config.settings());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("FIX gateway: no session settings at " + file
                    + " (settings in etc/nautilus.fix.gateway.cfg)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            settings = new SessionSettings(in);
        }
        Map<SessionID, SessionPolicy> policies = new LinkedHashMap<>();
        for (Iterator<SessionID> it = settings.sectionIterator(); it.hasNext();) {
            SessionID session = it.next();
            policies.put(session, SessionPolicy.read(settings, session));
        }
        if (policies.isEmpty()) {
            throw new ConfigError("FIX gateway: " + file + " defines no [session]");
        }
        describe = policies.size() + " session(s) from " + file + " ("
                + String.join(", ", policies.keySet().stream().map(SessionID::toString).toList()) + ")";
        gateway = new FixGateway(policies, () -> orders, () -> users, () -> audit, grid);
        queueSize = config.subscriber_queue_size();
        events = new GatewayEvents(gateway::onEvent, this::eventsDropped);
        // Subscribed before clients can log on, so no committed event is missed by a session.
        subscribe();
        if (!grid) {
            MessageStoreFactory files = SessionStores.file(settings,
                    Path.of(System.getProperty("karaf.data", "data")).resolve(config.store()));
            startAcceptor(files, null, "FileStore " + settings.getString("FileStorePath"));
        } else if (sessionStore != null) {
            startOverGrid();
        } else {
            LOG.warn("FIX gateway: session.store = grid and the grid's FIX session store is not up (yet): clients "
                    + "cannot log on until it is (feature nautilus-grid; session.store = file keeps sessions on this "
                    + "node only)");
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindSessionStore(FixSessionStore store) {
        sessionStore = store;
        if (grid && gateway != null && acceptor == null) {
            startOverGrid();
        }
    }

    synchronized void unbindSessionStore(FixSessionStore store) {
        if (sessionStore == store) {
            sessionStore = null;
        }
        if (acceptor != null && acceptorStore == store) {
            LOG.warn("FIX gateway: the grid's FIX session store went away; sessions disconnected");
            stopAcceptor(true);
            if (sessionStore != null) {
                startOverGrid();
            }
        }
    }

    private void startOverGrid() {
        try {
            startAcceptor(SessionStores.grid(settings, sessionStore), sessionStore,
                    "the grid's replicated session store");
        } catch (ConfigError | RuntimeException e) {
            LOG.error("FIX gateway: the acceptor could not start over the grid's session store: {}", e.toString(), e);
        }
    }

    private void startAcceptor(MessageStoreFactory stores, FixSessionStore over, String what) throws ConfigError {
        acceptor = Acceptors.start(gateway, settings, stores);
        acceptorStore = over;
        LOG.info("FIX gateway: {}, store {}", describe, what);
    }

    private void stopAcceptor(boolean force) {
        acceptor.stop(force);
        acceptor = null;
        acceptorStore = null;
    }

    @Deactivate
    synchronized void deactivate() {
        if (acceptor != null) {
            stopAcceptor(false);
        }
        if (gateway != null) {
            gateway.close();
        }
        resubscribe.shutdownNow();
        events = null;
        stopEvents();
    }

    /**
     * Subscribes the gateway to the committed events: through the cluster's feed if the grid offers one, else as a
     * whiteboard subscriber of the OMS on this node; resuming after what it handled before.
     */
    private synchronized void subscribe() {
        stopEvents();
        if (events == null) {
            return;
        }
        OrderEventFeed current = feed;
        if (current != null) {
            try {
                OrderEventFeed.Subscription subscription = current.subscribe("fix-gateway", events, Set.of(),
                        queueSize);
                stopEvents = subscription::close;
                return;
            } catch (RuntimeException e) {
                LOG.warn("FIX gateway: the cluster's order event feed cannot serve now ({}); trying again in {} s",
                        e.getMessage(), RESUBSCRIBE_SECONDS);
                later(RESUBSCRIBE_SECONDS);
                return;
            }
        }
        ServiceRegistration<OrderEventSubscriber> registration = context.registerService(OrderEventSubscriber.class,
                events, new Hashtable<>(Map.of(OrderEventSubscriber.QUEUE_SIZE_PROPERTY, queueSize,
                        "subscriber.name", "fix-gateway")));
        stopEvents = () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        };
    }

    private synchronized void stopEvents() {
        Runnable current = stopEvents;
        stopEvents = null;
        if (current != null) {
            current.run();
        }
    }

    /** Dropped by its source (it fell behind, the feed stopped): subscribes again, resuming where it was. */
    private void eventsDropped(String why) {
        LOG.error("FIX gateway: its order events were dropped ({}); subscribing again in {} s, resuming after the "
                + "last event handled", why, RESUBSCRIBE_SECONDS);
        later(RESUBSCRIBE_SECONDS);
    }

    /** Subscribes again on the gateway's own thread after {@code seconds}, unless the gateway is stopping. */
    private void later(long seconds) {
        try {
            resubscribe.schedule(this::subscribe, seconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            // the gateway is stopping
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFeed(OrderEventFeed bound) {
        feed = bound;
        resubscribeIfActive();
    }

    void unbindFeed(OrderEventFeed unbound) {
        if (feed == unbound) {
            feed = null;
            resubscribeIfActive();
        }
    }

    /** The source changed while the gateway runs: take the events from the new one. */
    private void resubscribeIfActive() {
        later(0);
    }
}
