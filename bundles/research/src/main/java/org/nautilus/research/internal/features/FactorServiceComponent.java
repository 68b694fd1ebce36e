package org.nautilus.research.internal.features;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.files.FactorFileManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature engine as a service: tracks the {@link Factor} plugins, the {@link FactorLibrary} services and the
 * user's factor files ({@code etc/factors/*.yaml}, hot-reloaded),
 * subscribes to the bars of every instrument and spec (each instrument's own series: 1 s bars from ticks, daily
 * bars from a replay) and computes each factor on each closed bar, on one writer thread.
 */
// Immediate: the engine subscribes and computes whether or not anyone has asked for a value yet.
@Component(service = FactorService.class, configurationPid = ResearchConfig.PID, immediate = true)
public final class FactorServiceComponent extends EngineQueries {

    private static final Logger LOG = LoggerFactory.getLogger(FactorServiceComponent.class);

    private final ExecutorService writer;
    private final Subscription subscription;
    private final LibraryCatalog catalog;
    private final ScheduledExecutorService fileWatcher;
    private volatile FactorFileManager factorFiles;
    private ScheduledFuture<?> watch;
    private final List<FeatureListener> featureListeners = new CopyOnWriteArrayList<>();
    private volatile FeatureCache featureCache;
    private volatile int cacheStateEvery;
    private final PointInTimeSources pointInTime = PointInTimeSources.none();

    @Activate
    public FactorServiceComponent(@Reference MarketDataService marketData, ResearchConfig config,
            @Reference(name = "initialFeatureCache", cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.RELUCTANT) FeatureCache initialCache) {
        super(new FeatureEngine(marketData::bars, Math.max(1, config.bars_window()),
                Math.max(1, config.history_size()), Math.max(1, config.warmup_bars())));
        this.cacheStateEvery = Math.max(1, config.cache_state_every());
        // A cache present now is given before the start-up streams are created, so they resume from it; one that
        // comes later is bound below (dynamic) and used from then on.
        this.featureCache = initialCache;
        engine.cache(initialCache, cacheStateEvery);
        engine.pointInTime(pointInTime);
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nautilus-research-features");
            thread.setDaemon(true);
            return thread;
        });
        this.catalog = new LibraryCatalog(engine, this::submit);
        this.fileWatcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nautilus-research-factor-files");
            thread.setDaemon(true);
            return thread;
        });
        // Subscribe before back-filling: a bar that closes in between is then queued, not lost, and the
        // back-fill only adds bars older than the ones already in a window. Every spec, not only bar.interval:
        // factors follow the bars each instrument actually gets (issue 17: replayed daily bars had none).
        this.subscription = marketData.subscribeAllBars(Set.of(), new MarketDataListener() {
            @Override
            public void onBar(BarSpec spec, Bar bar) {
                submit(() -> {
                    engine.onBar(spec, bar);
                    for (FeatureListener listener : featureListeners) {
                        listener.featuresComputed(bar.instrumentId(), spec, bar.end());
                    }
                });
            }
        });
        submit(() -> {
            for (Instrument instrument : marketData.instruments()) {
                for (BarSpec spec : marketData.barSpecs()) {
                    engine.backfill(instrument.id(), spec);
                }
            }
        });
        applyGroups(config);
        watchFactorFiles(config);
    }

    /**
     * The grid's feature cache, when it runs (it may come after this component): the libraries' vectors and stream
     * states are written to it and new streams resume from it.
     */
    @Reference(name = "featureCache", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFeatureCache(FeatureCache cache) {
        if (featureCache != cache) {
            featureCache = cache;
            engine.cache(cache, cacheStateEvery);
        }
    }

    void unbindFeatureCache(FeatureCache cache) {
        if (featureCache == cache) {
            featureCache = null;
            engine.cache(null, cacheStateEvery);
        }
    }

    /** The factor store's fundamentals for {@code $eps} and the other fundamental fields; absent: they read NaN. */
    @Reference(name = "factorStore", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindFactorStore(FactorStore store) {
        pointInTime.store(store);
    }

    void unbindFactorStore(FactorStore store) {
        pointInTime.removeStore(store);
    }

    /** The news sentiment for {@code $sentiment}; absent: it reads NaN. */
    @Reference(name = "sentiment", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindSentiment(SentimentService service) {
        pointInTime.sentiment(service);
    }

    void unbindSentiment(SentimentService service) {
        pointInTime.removeSentiment(service);
    }

    /** The instrument groups for GroupDemean; a malformed list is reported and the current groups kept. */
    private void applyGroups(ResearchConfig config) {
        try {
            engine.groups(groups(config.instrument_groups()));
            submit(engine::regroup);
        } catch (IllegalArgumentException e) {
            LOG.error("{} instrument.groups: {}; keeping the current groups", ResearchConfig.PID, e.getMessage());
        }
    }

    /** {@code AAPL.NASDAQ=tech, XOM.NYSE=energy} as a map. */
    static Map<InstrumentId, String> groups(String text) {
        Map<InstrumentId, String> groups = new HashMap<>();
        if (text == null || text.isBlank()) {
            return groups;
        }
        for (String pair : text.split(",")) {
            String[] parts = pair.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("'" + pair.strip() + "' is not INSTRUMENT=GROUP");
            }
            InstrumentId instrument = InstrumentId.of(parts[0].strip());
            if (groups.put(instrument, parts[1].strip()) != null) {
                throw new IllegalArgumentException(instrument + " is given two groups");
            }
        }
        return groups;
    }

    /** Loads the factor files of the configured directory and checks it for changes every poll interval. */
    private synchronized void watchFactorFiles(ResearchConfig config) {
        Path directory = factorDirectory(config);
        if (watch != null) {
            watch.cancel(false);
        }
        if (factorFiles != null && !factorFiles.directory().equals(directory)) {
            FactorFileManager old = factorFiles;
            fileWatcher.execute(old::removeAll);
            factorFiles = null;
        }
        if (factorFiles == null) {
            factorFiles = new FactorFileManager(catalog, directory);
        }
        FactorFileManager files = factorFiles;
        long period = Math.max(50, config.factors_poll_interval());
        LOG.info("Factor files: {} (checked every {} ms)", directory, period);
        watch = fileWatcher.scheduleWithFixedDelay(() -> {
            try {
                files.scan();
            } catch (RuntimeException e) {
                LOG.error("Scanning the factor files of {} failed", directory, e);
            }
        }, 0, period, TimeUnit.MILLISECONDS);
    }

    static Path factorDirectory(ResearchConfig config) {
        String configured = config.factors_directory() == null ? "" : config.factors_directory().strip();
        if (!configured.isEmpty()) {
            return Path.of(configured.replace("${karaf.home}", System.getProperty("karaf.home", ".")));
        }
        return Path.of(System.getProperty("karaf.etc", "etc"), "factors");
    }

    @Modified
    void modified(ResearchConfig config) {
        submit(() -> {
            try {
                engine.configure(config.bars_window(), config.history_size(), config.warmup_bars());
                cacheStateEvery = Math.max(1, config.cache_state_every());
                engine.cache(featureCache, cacheStateEvery);
            } catch (IllegalArgumentException e) {
                LOG.error("{}: {}; keeping the current sizes", ResearchConfig.PID, e.getMessage());
            }
        });
        applyGroups(config);
        watchFactorFiles(config);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        fileWatcher.shutdownNow();
        fileWatcher.awaitTermination(5, TimeUnit.SECONDS);
        subscription.close();
        // The streams' states as of their last bar, so a restart resumes them without replaying a bar.
        submit(() -> engine.snapshotToCache(Duration.ofSeconds(5)));
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
        writer.shutdownNow();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Told (on the writer thread) once a closed bar's factor values are published: model serving listens. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addFeatureListener(FeatureListener listener) {
        featureListeners.add(listener);
    }

    void removeFeatureListener(FeatureListener listener) {
        featureListeners.remove(listener);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addFactor(Factor factor) {
        engine.register(factor);
        submit(() -> engine.computeLatest(factor));
    }

    void removeFactor(Factor factor) {
        if (engine.unregister(factor)) {
            submit(() -> engine.purge(factor));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addLibrary(FactorLibrary library) {
        try {
            catalog.put(library, library);
        } catch (RuntimeException e) {
            LOG.error("Factor library {} could not be read; it is ignored", library.getClass().getName(), e);
        }
    }

    void removeLibrary(FactorLibrary library) {
        if (catalog.remove(library)) {
            LOG.info("Factor library {} removed", library.name());
        }
    }

    private void submit(Runnable task) {
        try {
            writer.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Feature engine task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Feature engine stopped; task dropped");
        }
    }

    @Override
    public List<FactorProblem> problems() {
        List<FactorProblem> problems = new ArrayList<>(engine.problems());
        FactorFileManager files = factorFiles;
        if (files != null) {
            problems.addAll(files.problems());
        }
        return problems;
    }
}
