package org.nautilus.research.internal.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.signal.ServedModel;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.api.research.signal.SignalService;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.research.internal.features.FeatureListener;
import org.nautilus.research.internal.tracking.ModelsComponent;
import org.nautilus.research.internal.tracking.ModelsConfig;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model serving as a service: a {@link SignalServer} fed by the feature engine, reading the registry, publishing
 * to the {@link SignalListener} whiteboard. The served aliases are re-read from the registry every second and at
 * once when a model family comes or goes.
 */
@Component(service = {SignalService.class,
        FeatureListener.class}, configurationPid = ModelsConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
public final class ServingComponent implements SignalService, FeatureListener {

    private static final Logger LOG = LoggerFactory.getLogger(ServingComponent.class);

    private final SignalServer server;
    private final ScheduledExecutorService loader;
    private final List<Subscriber> listeners = new CopyOnWriteArrayList<>();
    private final FactorService factors;
    /** Features read from the grid's feature cache when it runs; null: from the feature engine. */
    private volatile CachedFeatures cachedFeatures;
    private volatile AutoCloseable subscription;

    @Activate
    public ServingComponent(@Reference ModelsComponent models, @Reference FactorService factors, ModelsConfig config) {
        this.server = new SignalServer(new SignalServer.Platform() {
            @Override
            public List<RegisteredModel> models() {
                return models.models();
            }

            @Override
            public FittedModel load(String model, int version) {
                return models.load(model, version);
            }

            @Override
            public boolean deployed(String family) {
                return models.deployed(family);
            }

            @Override
            public String interval(ModelVersion version) {
                return models.run(version.run()).map(r -> r.params().get("interval")).orElse("P1D");
            }

            @Override
            public Optional<FactorValue> feature(String factor, InstrumentId instrument, BarSpec bars) {
                return factors.latest(factor, instrument, bars);
            }

            @Override
            public Set<String> libraries(Set<String> names) {
                CachedFeatures cached = cachedFeatures;
                return cached == null ? Set.of() : cached.librariesOf(names);
            }

            @Override
            public Map<String, Double> features(Set<String> names, InstrumentId instrument, BarSpec bars,
                    Instant end) {
                CachedFeatures cached = cachedFeatures;
                return cached == null ? SignalServer.Platform.super.features(names, instrument, bars, end)
                        : cached.features(names, instrument, bars, end);
            }
        }, aliases(config.serving_aliases()), this::publish, grace(config.serving_grace_ms()));
        this.factors = factors;
        this.loader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nautilus-signals-loader");
            thread.setDaemon(true);
            return thread;
        });
        loader.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    /** A .cfg file gives one comma-separated string: split it. */
    static List<String> aliases(String[] configured) {
        return Arrays.stream(configured).flatMap(a -> Arrays.stream(a.split(",")))
                .map(String::strip).filter(a -> !a.isEmpty()).distinct().toList();
    }

    static Duration grace(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("serving.grace.ms must be positive, got " + millis);
        }
        return Duration.ofMillis(millis);
    }

    @Deactivate
    void deactivate() {
        loader.shutdownNow();
        unsubscribe();
        server.close();
    }

    /**
     * The grid's feature cache: the features models score are read from it, and every vector any node writes to
     * it joins its close here, so this node serves closes whichever node's engine computed them.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFeatureCache(FeatureCache cache) {
        CachedFeatures cached = new CachedFeatures(cache, factors::latest);
        cached.libraries(factors.factors());
        cachedFeatures = cached;
        unsubscribe();
        try {
            subscription = cache.subscribe(server::vectorWritten);
        } catch (RuntimeException e) {
            LOG.warn("Cannot follow the feature cache: only closes this node computes are served: {}",
                    e.toString());
        }
    }

    void unbindFeatureCache(FeatureCache cache) {
        unsubscribe();
        cachedFeatures = null;
    }

    private synchronized void unsubscribe() {
        AutoCloseable s = subscription;
        subscription = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception e) {
                LOG.debug("Closing the feature cache subscription: {}", e.toString());
            }
        }
    }

    private void refresh() {
        try {
            CachedFeatures cached = cachedFeatures;
            if (cached != null) {
                cached.libraries(factors.factors());
            }
            server.refresh();
        } catch (RuntimeException e) {
            LOG.warn("Serving refresh failed", e);
        }
    }

    /** A family came or went: re-read the served versions now, not at the next tick. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addFamily(Model model) {
        refreshSoon();
    }

    void removeFamily(Model model) {
        // Runs on the thread that unregisters the plugin: its models stop before its class loader goes.
        server.familyRemoved(model.family());
    }

    private void refreshSoon() {
        try {
            if (loader != null) {
                loader.execute(this::refresh);
            }
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addListener(SignalListener listener, Map<String, Object> properties) {
        listeners.add(new Subscriber(listener, (String) properties.get(SignalListener.MODEL_PROPERTY),
                Boolean.parseBoolean(String.valueOf(properties.get(SignalListener.SHADOW_PROPERTY)))));
    }

    void removeListener(SignalListener listener) {
        listeners.removeIf(s -> s.listener == listener);
    }

    private void publish(SignalBatch batch) {
        for (Subscriber s : listeners) {
            if ((s.model == null || s.model.equals(batch.model())) && (!batch.shadow() || s.shadow)) {
                try {
                    s.listener.onSignals(batch);
                } catch (RuntimeException e) {
                    LOG.warn("Signal listener {} failed: {}", s.listener, e.toString());
                }
            }
        }
    }

    @Override
    public void featuresComputed(InstrumentId instrument, BarSpec bars, Instant end) {
        server.featuresComputed(instrument, bars, end);
    }

    @Override
    public List<ServedModel> served() {
        return server.served();
    }

    @Override
    public Optional<Signal> latest(String model, String alias, InstrumentId instrument) {
        return server.latest(model, alias, instrument);
    }

    @Override
    public List<SignalBatch> latest() {
        return server.latest();
    }

    private record Subscriber(SignalListener listener, String model, boolean shadow) {
    }
}
