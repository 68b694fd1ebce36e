package org.nautilus.fix.gateway.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nautilus.api.access.UserAuthenticator;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderService;
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
import quickfix.FileStoreFactory;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.ThreadedSocketAcceptor;

/**
 * The FIX order-entry gateway: a QuickFIX/J acceptor (the QuickFIX/J API directly, not camel-quickfix: an order is
 * one hop from the socket to {@link OrderService#submitAsync}, and the session callbacks we need, Logon checks and
 * disconnects, are Application methods that a Camel route would only relay) with the sessions of
 * etc/fix/gateway.cfg. It subscribes to the OMS's committed events, so every report it sends is of a durable change.
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
    private ThreadedSocketAcceptor acceptor;
    private ServiceRegistration<OrderEventSubscriber> subscription;

    @Activate
    void activate(GatewayConfig config, BundleContext context) throws Exception {
        Path file = Path.of(System.getProperty("karaf.home", ".")).resolve(config.settings());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("FIX gateway: no session settings at " + file
                    + " (settings in etc/nautilus.fix.gateway.cfg)");
        }
        SessionSettings settings;
        try (InputStream in = Files.newInputStream(file)) {
            settings = new SessionSettings(in);
        }
        if (!settings.isSetting("FileStorePath")) {
            Path store = Path.of(System.getProperty("karaf.data", "data")).resolve(config.store());
            Files.createDirectories(store);
            settings.setString("FileStorePath", store.toString());
        }
        Map<SessionID, SessionPolicy> policies = new LinkedHashMap<>();
        for (Iterator<SessionID> it = settings.sectionIterator(); it.hasNext();) {
            SessionID session = it.next();
            policies.put(session, SessionPolicy.read(settings, session));
        }
        if (policies.isEmpty()) {
            throw new ConfigError("FIX gateway: " + file + " defines no [session]");
        }
        gateway = new FixGateway(policies, () -> orders, () -> users, () -> audit);
        // The subscriber is registered before clients can log on, so no committed event is missed by a session.
        subscription = context.registerService(OrderEventSubscriber.class, new OrderEventSubscriber() {
            @Override
            public void onEvent(OrderEvent event) {
                gateway.onEvent(event);
            }

            @Override
            public void onDropped(String why) {
                LOG.error("FIX gateway fell behind the OMS and no longer gets its events ({}): execution reports "
                        + "stop until the gateway is restarted (bundle:restart nautilus-fix-gateway)", why);
            }
        }, new Hashtable<>(Map.of(OrderEventSubscriber.QUEUE_SIZE_PROPERTY,
                config.subscriber_queue_size(), "subscriber.name", "fix-gateway")));
        acceptor = Acceptors.start(gateway, settings, new FileStoreFactory(settings));
        LOG.info("FIX gateway: {} session(s) from {} ({}), store {}", policies.size(), file,
                String.join(", ", policies.keySet().stream().map(SessionID::toString).toList()),
                settings.getString("FileStorePath"));
    }

    @Deactivate
    void deactivate() {
        if (acceptor != null) {
            acceptor.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (subscription != null) {
            subscription.unregister();
        }
    }
}
