package org.nautilus.research.internal.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.FactorService;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.ModelInfo;
import org.nautilus.api.research.ModelService;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.CsvBarReader;
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
 * The model registry as a service: tracks the {@link Model} plugins and trains each one, off the DS thread, on
 * the factor values of the historical training bars ({@code training.bars}): at start-up, when a model appears
 * or changes its configuration, when a factor appears or goes, and when the configuration changes. Serves
 * predictions from the latest live factor values.
 */
// Immediate: models train at start-up, not when someone first asks for them.
@Component(service = ModelService.class, configurationPid = ResearchConfig.PID, immediate = true)
@Designate(ocd = ResearchConfig.class)
public final class ModelServiceComponent implements ModelService {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServiceComponent.class);
    /** Plugins arrive one by one at start-up: wait for a quiet moment instead of training once per arrival. */
    private static final long SETTLE_MILLIS = 500;

    private final FactorService factorService;
    private final ModelRegistry registry = new ModelRegistry();
    private final Map<String, Factor> factors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService trainer;
    private volatile ResearchConfig config;

    // Guarded by this: models waiting to be trained by the next scheduled run.
    private final Set<String> pending = new HashSet<>();
    private boolean pendingAll;
    private ScheduledFuture<?> scheduled;

    @Activate
    public ModelServiceComponent(@Reference FactorService factorService, ResearchConfig config) {
        this.factorService = factorService;
        this.config = config;
        this.trainer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nautilus-research-training");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Modified
    void modified(ResearchConfig config) {
        this.config = config;
        requestAll();
    }

    @Deactivate
    void deactivate() {
        trainer.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedModel")
    void addModel(Model model) {
        registry.add(model);
        request(model.name());
    }

    /** The model's configuration changed (its service properties did): train it again. */
    void updatedModel(Model model) {
        request(model.name());
    }

    void removeModel(Model model) {
        registry.remove(model);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addFactor(Factor factor) {
        factors.put(factor.name(), factor);
        requestAll();
    }

    void removeFactor(Factor factor) {
        if (factors.remove(factor.name(), factor)) {
            requestAll();
        }
    }

    private void request(String model) {
        synchronized (this) {
            pending.add(model);
        }
        schedule();
    }

    private void requestAll() {
        synchronized (this) {
            pendingAll = true;
        }
        schedule();
    }

    private synchronized void schedule() {
        registry.queued(pendingAll ? registry.names() : pending);
        if (scheduled == null) {
            try {
                scheduled = trainer.schedule(this::trainPending, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("Model registry stopped; training not scheduled");
            }
        }
    }

    /** Training thread: trains what was requested until now; later requests schedule the next run. */
    private void trainPending() {
        Collection<String> names;
        synchronized (this) {
            names = pendingAll ? registry.names() : List.copyOf(pending);
            pending.clear();
            pendingAll = false;
            scheduled = null;
        }
        try {
            registry.train(names, this::trainingData);
        } catch (RuntimeException e) {
            LOG.error("Training run failed", e);
        }
    }

    /** The training set from the configured bars and the factors registered now. */
    TrainingData trainingData() {
        ResearchConfig c = config;
        List<Factor> current = List.copyOf(factors.values());
        if (current.isEmpty()) {
            return TrainingData.waiting("no factors registered");
        }
        Path file;
        Duration interval;
        InstrumentId instrument;
        try {
            file = Path.of(Placeholders.resolve(c.training_bars(), System::getProperty));
            interval = Duration.parse(c.training_interval());
            instrument = InstrumentId.of(c.training_instrument());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return TrainingData.failed(ResearchConfig.PID + ": " + e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            return TrainingData.waiting("no training bars: " + file + " does not exist (training.bars in etc/"
                    + ResearchConfig.PID + ".cfg)");
        }
        List<Bar> bars;
        try {
            bars = CsvBarReader.read(file, instrument, interval);
        } catch (BarFileException e) {
            return TrainingData.failed("cannot read training bars: " + e.getMessage());
        }
        TrainingSet set = TrainingSetBuilder.build(bars, current, Math.max(1, c.bars_window()),
                (factor, e) -> LOG.warn("Factor {} failed on training bars: {}", factor.name(), e.toString()));
        if (set.dataset().isEmpty()) {
            return TrainingData.waiting(set.shortfall());
        }
        return TrainingData.of(set.dataset().get(), file.getFileName() + " (" + bars.size() + " " + instrument + " bars)");
    }

    @Override
    public List<ModelInfo> models() {
        return registry.models();
    }

    @Override
    public Optional<ModelInfo> model(String name) {
        return registry.model(name);
    }

    @Override
    public OptionalDouble predict(String model, InstrumentId instrument) {
        return registry.predict(model, instrument, (factor, id) -> {
            Optional<FactorValue> value = factorService.latest(factor, id);
            return value.isPresent() ? OptionalDouble.of(value.get().value()) : OptionalDouble.empty();
        });
    }
}
