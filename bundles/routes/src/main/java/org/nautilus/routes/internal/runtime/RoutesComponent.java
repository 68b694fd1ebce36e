package org.nautilus.routes.internal.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.research.data.DataFiles;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.tracking.TrainingService;
import org.nautilus.api.routes.RouteFileInfo;
import org.nautilus.api.routes.RouteInfo;
import org.nautilus.api.routes.RouteService;
import org.nautilus.api.strategy.BacktestService;
import org.nautilus.api.strategy.StrategyService;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.data.DataComponent;
import org.nautilus.routes.internal.data.DataServices;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Camel runtime as an OSGi service: starts the CamelContext on activation (class loader = this bundle's, which
 * embeds Camel), loads and watches the route files, publishes the context as a {@link CamelContext} service
 * ({@code camel.context.name=nautilus}) and adds the routes of every {@link RoutesBuilder} service.
 */
@Component(service = RouteService.class, configurationPid = "nautilus.routes", immediate = true)
@Designate(ocd = RoutesConfig.class)
public final class RoutesComponent implements RouteService {

    private final CamelRuntime runtime;
    private final ServiceRegistration<CamelContext> contextRegistration;
    private volatile OrderService orders;
    private volatile AuditService audit;
    private volatile DataFiles dataFiles;
    private volatile FactorStore factorStore;
    private volatile SentimentService sentiment;
    private volatile TrainingService training;
    private volatile StrategyService strategies;
    private volatile BacktestService backtests;

    @Activate
    public RoutesComponent(BundleContext bundleContext, RoutesConfig config,
            @Reference(name = "marketData", policyOption = ReferencePolicyOption.GREEDY) MarketDataService marketData) {
        // 'from: nautilus:oms' consumers are whiteboard subscribers of the OMS: they get order events once durable
        Gateways gateways = new Gateways(() -> marketData, () -> orders, (subscriber, name, queueSize) -> {
            ServiceRegistration<OrderEventSubscriber> registration = bundleContext.registerService(
                    OrderEventSubscriber.class, subscriber, new Hashtable<>(Map.of("subscriber.name", name,
                            OrderEventSubscriber.QUEUE_SIZE_PROPERTY, queueSize)));
            return unregistering(registration);
        }, (listener, model, shadow) -> {
            // 'from: nautilus:signals' consumers are SignalListener services of model serving (whiteboard)
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(SignalListener.SHADOW_PROPERTY, Boolean.toString(shadow));
            if (model != null) {
                properties.put(SignalListener.MODEL_PROPERTY, model);
            }
            return unregistering(bundleContext.registerService(SignalListener.class, listener, properties));
        });
        runtime = new CamelRuntime(RoutesComponent.class.getClassLoader(),
                gateways.withAudit(() -> audit).withTraining(() -> training).withStrategies(() -> strategies)
                        .withBacktests(() -> backtests),
                Clock.systemUTC());
        // the research data connectors (nautilus-data:); the services they use may come and go
        runtime.context().addComponent("nautilus-data", new DataComponent(new DataServices(() -> dataFiles,
                () -> factorStore, () -> sentiment)));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("camel.context.name", runtime.context().getName());
        contextRegistration = bundleContext.registerService(CamelContext.class, runtime.context(), properties);
        runtime.watch(directory(config), Duration.ofMillis(config.poll_interval()));
    }

    private static AutoCloseable unregistering(ServiceRegistration<?> registration) {
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        };
    }

    @Modified
    void modified(RoutesConfig config) {
        runtime.watch(directory(config), Duration.ofMillis(config.poll_interval()));
    }

    @Deactivate
    void deactivate() {
        try {
            contextRegistration.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        runtime.close();
    }

    /** Optional and dynamic: routes keep running while the OMS restarts; 'to: nautilus:oms' fails clearly meanwhile. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setOrderService(OrderService service) {
        orders = service;
    }

    void unsetOrderService(OrderService service) {
        if (orders == service) {
            orders = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditService service) {
        audit = service;
    }

    void unsetAudit(AuditService service) {
        if (audit == service) {
            audit = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setDataFiles(DataFiles service) {
        dataFiles = service;
    }

    void unsetDataFiles(DataFiles service) {
        if (dataFiles == service) {
            dataFiles = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setFactorStore(FactorStore service) {
        factorStore = service;
    }

    void unsetFactorStore(FactorStore service) {
        if (factorStore == service) {
            factorStore = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setSentiment(SentimentService service) {
        sentiment = service;
    }

    void unsetSentiment(SentimentService service) {
        if (sentiment == service) {
            sentiment = null;
        }
    }

    /** Optional and dynamic: 'to: nautilus:train' fails clearly while the research bundle is away. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setTraining(TrainingService service) {
        training = service;
    }

    void unsetTraining(TrainingService service) {
        if (training == service) {
            training = null;
        }
    }

    /** Optional and dynamic: 'to: nautilus:strategy' fails clearly while the strategy bundle is away. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setStrategies(StrategyService service) {
        strategies = service;
    }

    void unsetStrategies(StrategyService service) {
        if (strategies == service) {
            strategies = null;
        }
    }

    /** Optional and dynamic: 'to: nautilus:backtest' fails clearly while the strategy bundle is away. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setBacktests(BacktestService service) {
        backtests = service;
    }

    void unsetBacktests(BacktestService service) {
        if (backtests == service) {
            backtests = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addRoutesBuilder(RoutesBuilder builder, ServiceReference<RoutesBuilder> reference) {
        Bundle bundle = reference.getBundle();
        runtime.add(builder, bundle == null ? "service" : "bundle:" + bundle.getSymbolicName());
    }

    void removeRoutesBuilder(RoutesBuilder builder) {
        runtime.remove(builder);
    }

    static Path directory(RoutesConfig config) {
        String configured = config.routes_directory() == null ? "" : config.routes_directory().strip();
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String etc = System.getProperty("karaf.etc", "etc");
        return Path.of(etc, "routes");
    }

    @Override
    public List<RouteInfo> routes() {
        return runtime.routes();
    }

    @Override
    public List<RouteFileInfo> files() {
        return runtime.files();
    }

    @Override
    public void start(String routeId) {
        runtime.start(routeId);
    }

    @Override
    public void stop(String routeId) {
        runtime.stop(routeId);
    }

    @Override
    public RouteFileInfo reload(String file) {
        return runtime.reload(file);
    }
}
