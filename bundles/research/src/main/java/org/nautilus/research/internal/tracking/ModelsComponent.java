package org.nautilus.research.internal.tracking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.nautilus.api.audit.AuditCategory;
import org.nautilus.api.audit.AuditService;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.Model;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.research.expression.FactorLibrary;
import org.nautilus.api.research.sentiment.SentimentService;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.Experiment;
import org.nautilus.api.research.tracking.MetricPoint;
import org.nautilus.api.research.tracking.ModelRegistry;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrackingService;
import org.nautilus.api.research.tracking.TrackingStore;
import org.nautilus.api.research.tracking.TrainingResult;
import org.nautilus.api.research.tracking.TrainingService;
import org.nautilus.research.internal.ResearchConfig;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.data.CsvBarReader;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.PointInTimeSources;
import org.nautilus.research.internal.training.Placeholders;
import org.nautilus.research.internal.training.Trainer;
import org.nautilus.research.internal.training.TrainingPanel;
import org.nautilus.research.internal.training.TrainingSpec;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
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
 * Tracking, registry and training as services, over a {@link Tracker} on the grid's {@link TrackingStore}. Tracks
 * the model families (to fit and to load registered versions), the factor libraries and plugins (to build
 * training sets), and the audit journal (alias changes are recorded with their user).
 */
@Component(service = {TrackingService.class, ModelRegistry.class, TrainingService.class,
        ModelsComponent.class}, configurationPid = {ResearchConfig.PID,
                ModelsConfig.PID}, configurationPolicy = ConfigurationPolicy.OPTIONAL)

public final class ModelsComponent implements TrackingService, ModelRegistry, TrainingService {

    private static final Logger LOG = LoggerFactory.getLogger(ModelsComponent.class);

    private final Tracker tracker;
    private final Trainer trainer;
    private final ResearchConfig research;
    private final Map<String, Model> families = new ConcurrentHashMap<>();
    private final Map<FactorLibrary, CompiledLibrary> libraries = new ConcurrentHashMap<>();
    private final Map<String, Factor> factors = new ConcurrentHashMap<>();
    private volatile AuditService audit;
    /** Fundamentals and sentiment for the libraries' data fields, as the live feature engine reads them. */
    private final PointInTimeSources pointInTime = PointInTimeSources.none();

    /**
     * @param artifactStore the store of run artifacts: the one {@code etc/nautilus.artifacts.cfg} configures (any
     *                      kind); {@code artifactStore.target} in {@code etc/nautilus.models.cfg} can pick another
     *                      by its kind, e.g. a store plugin's
     */
    @Activate
    public ModelsComponent(@Reference TrackingStore store,
            @Reference(name = "artifactStore", target = "(" + ArtifactStore.KIND_PROPERTY
                    + "=*)") ArtifactStore artifactStore,
            ModelsConfig config, ResearchConfig research) {
        this(store, artifactStore,
                Path.of(Placeholders.resolve(config.artifacts_directory(), ModelsComponent::property)), research,
                Clock.systemUTC());
    }

    public ModelsComponent(TrackingStore store, ArtifactStore artifactStore, Path artifacts, ResearchConfig research,
            Clock clock) {
        this.tracker = new Tracker(store, artifactStore, artifacts, clock);
        this.trainer = new Trainer(tracker);
        this.research = research;
        LOG.info("Model tracking: {} experiments, {} runs, {} registered models; artifacts in {} (this node's "
                + "copies) and the {} store {}", tracker.experiments().size(), tracker.runs(RunQuery.all()).size(),
                tracker.models().size(), artifacts, artifactStore.kind(), artifactStore.location());
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null && name.equals("karaf.data")) {
            value = System.getProperty("java.io.tmpdir") + "/nautilus-data";
        }
        return value;
    }

    @Deactivate
    public void deactivate() {
        tracker.close();
    }

    // ---- tracked services ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addFamily(Model model) {
        families.put(model.family(), model);
        LOG.info("Model family {} deployed ({})", model.family(), model.library());
    }

    void removeFamily(Model model) {
        if (families.remove(model.family(), model)) {
            LOG.info("Model family {} removed", model.family());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addLibrary(FactorLibrary library) {
        try {
            libraries.put(library, CompiledLibrary.compile(library));
        } catch (RuntimeException e) {
            LOG.warn("Factor library {} cannot be compiled for training: {}", library.name(), e.toString());
        }
    }

    void removeLibrary(FactorLibrary library) {
        libraries.remove(library);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addFactor(Factor factor) {
        factors.put(factor.name(), factor);
    }

    void removeFactor(Factor factor) {
        factors.remove(factor.name(), factor);
    }

    /** The factor store's fundamentals for {@code $eps} and the other fundamental fields; absent: they read NaN. */
    @Reference(name = "factorStore", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindFactorStore(FactorStore store) {
        pointInTime.store(store);
    }

    public void unbindFactorStore(FactorStore store) {
        pointInTime.removeStore(store);
    }

    /** The news sentiment for {@code $sentiment}; absent: it reads NaN. */
    @Reference(name = "sentiment", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void bindSentiment(SentimentService service) {
        pointInTime.sentiment(service);
    }

    public void unbindSentiment(SentimentService service) {
        pointInTime.removeSentiment(service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void setAudit(AuditService audit) {
        this.audit = audit;
    }

    void unsetAudit(AuditService audit) {
        if (this.audit == audit) {
            this.audit = null;
        }
    }

    /** The deployed families by name. */
    public Map<String, Model> families() {
        return new TreeMap<>(families);
    }

    // ---- training ----

    @Override
    public TrainingResult train(Path specFile, Consumer<String> progress) {
        if (!specFile.isAbsolute() && !Files.exists(specFile) && System.getProperty("karaf.home") != null) {
            specFile = Path.of(System.getProperty("karaf.home")).resolve(specFile);
        }
        TrainingSpec spec;
        try {
            spec = TrainingSpec.read(specFile, ModelsComponent::property);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + specFile + ": " + e.getMessage(), e);
        }
        Model model = families.get(spec.family());
        if (model == null) {
            throw new IllegalArgumentException("no model family " + spec.family() + " is deployed; deployed: "
                    + new TreeMap<>(families).keySet());
        }
        List<Bar> bars;
        try {
            bars = CsvBarReader.read(spec.bars(), spec.instrument(), spec.interval());
        } catch (BarFileException e) {
            throw new IllegalArgumentException("cannot read the bars: " + e.getMessage(), e);
        }
        progress.accept("read " + bars.size() + " " + spec.instrument() + " bars from " + spec.bars().getFileName());
        Map<String, CompiledLibrary> byName = new TreeMap<>();
        libraries.values().forEach(l -> byName.put(l.name(), l));
        TrainingPanel rows = TrainingPanel.build(bars, spec,
                new TrainingPanel.Sources(byName, Map.copyOf(factors), Math.max(1, research.bars_window()),
                        pointInTime),
                progress);
        TrainingResult result = trainer.train(spec, model, codeVersion(model), rows, progress);
        LOG.info("Trained {} as run {}: {}", spec.family(), result.run().id(), result.run().metrics());
        return result;
    }

    /** The bundles (and library) that produce a run: this bundle, the API, the family's plugin. */
    static Map<String, String> codeVersion(Model model) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Class<?> type : List.of(ModelsComponent.class, Model.class, model.getClass())) {
            Bundle bundle = FrameworkUtil.getBundle(type);
            if (bundle != null) {
                versions.put(bundle.getSymbolicName(), bundle.getVersion().toString());
            }
        }
        versions.put("library", model.library());
        return versions;
    }

    // ---- tracking ----

    @Override
    public Experiment experiment(String name) {
        return tracker.experiment(name);
    }

    @Override
    public List<Experiment> experiments() {
        return tracker.experiments();
    }

    @Override
    public Run startRun(String experiment, String parent, String name, long seed, Map<String, String> codeVersion) {
        return tracker.startRun(experiment, parent, name, seed, codeVersion);
    }

    @Override
    public void logParam(String run, String key, String value) {
        tracker.logParam(run, key, value);
    }

    @Override
    public void logMetric(String run, String key, double value, long step) {
        tracker.logMetric(run, key, value, step);
    }

    @Override
    public void setTag(String run, String key, String value) {
        tracker.setTag(run, key, value);
    }

    @Override
    public void logDataset(String run, String digest) {
        tracker.logDataset(run, digest);
    }

    @Override
    public Path logArtifact(String run, String name, byte[] content) {
        return tracker.logArtifact(run, name, content);
    }

    @Override
    public Optional<Path> artifact(String run, String name) {
        return tracker.artifact(run, name);
    }

    @Override
    public Optional<byte[]> readArtifact(String run, String name) {
        return tracker.readArtifact(run, name);
    }

    @Override
    public List<StoredArtifact> storedArtifacts(String run) {
        return tracker.storedArtifacts(run);
    }

    @Override
    public String artifactStore() {
        return tracker.artifactStore();
    }

    @Override
    public void endRun(String run, RunStatus status) {
        tracker.endRun(run, status);
    }

    @Override
    public Optional<Run> run(String id) {
        return tracker.run(id);
    }

    @Override
    public List<Run> runs(RunQuery query) {
        return tracker.runs(query);
    }

    @Override
    public List<MetricPoint> metricHistory(String run, String key) {
        return tracker.metricHistory(run, key);
    }

    @Override
    public void deleteRun(String id, String user) {
        Run run = tracker.run(id).orElseThrow(() -> new IllegalArgumentException("no run " + id));
        tracker.deleteRun(id);
        auditDeletion("RUN_DELETED", id, "run " + id + " (" + run.name() + ") of " + run.experiment()
                + " deleted with its folds and files by " + user, Map.of("experiment", run.experiment(), "user", user));
    }

    @Override
    public void deleteExperiment(String name, String user) {
        int runs = tracker.runs(new RunQuery(name, null, null, null, false, 0)).size();
        tracker.deleteExperiment(name);
        auditDeletion("EXPERIMENT_DELETED", name,
                "experiment " + name + " deleted with its " + runs + " runs by " + user,
                Map.of("runs", Integer.toString(runs), "user", user));
    }

    private void auditDeletion(String type, String subject, String detail, Map<String, String> fields) {
        LOG.info("Tracking: {}", detail);
        AuditService journal = audit;
        if (journal == null) {
            LOG.warn("No audit journal: deletion of {} not audited", subject);
        } else {
            journal.record(AuditCategory.MODEL, type, subject, null, detail, fields);
        }
    }

    @Override
    public void flush() {
        tracker.flush();
    }

    // ---- registry ----

    @Override
    public ModelVersion register(String model, String run) {
        Run r = tracker.run(run).orElseThrow(() -> new IllegalArgumentException("no run " + run));
        String family = r.params().get("family");
        String features = r.params().get("factors");
        if (family == null || features == null) {
            throw new IllegalArgumentException(
                    "run " + run + " has no family and factors parameters: not a training run");
        }
        return tracker.register(model, run, family, List.of(features.split(",")));
    }

    @Override
    public List<RegisteredModel> models() {
        return tracker.models();
    }

    @Override
    public Optional<RegisteredModel> model(String name) {
        return tracker.model(name);
    }

    @Override
    public AliasChange setAlias(String model, String alias, int version, String user) {
        return audited(tracker.setAlias(model, alias, version, user), "PROMOTED");
    }

    @Override
    public AliasChange rollback(String model, String alias, String user) {
        return audited(tracker.rollback(model, alias, user), "ROLLED_BACK");
    }

    private AliasChange audited(AliasChange change, String type) {
        String detail = change.model() + " " + change.alias() + ": version " + change.previous() + " -> "
                + change.version() + " by " + change.user();
        LOG.info("Model alias {}", detail);
        AuditService journal = audit;
        if (journal == null) {
            LOG.warn("No audit journal: alias change of {} not audited", change.model());
        } else {
            journal.record(AuditCategory.MODEL, type, change.model(), null, detail,
                    Map.of("alias", change.alias(), "previous", Integer.toString(change.previous()),
                            "version", Integer.toString(change.version()), "user", change.user()));
        }
        return change;
    }

    @Override
    public List<AliasChange> aliasHistory(String model) {
        return tracker.aliasHistory(model);
    }

    @Override
    public FittedModel load(String model, int version) {
        ModelVersion v = tracker.version(model, version);
        Model family = families.get(v.family());
        if (family == null) {
            throw new IllegalStateException(model + " version " + version + " needs model family " + v.family()
                    + ", which is not deployed");
        }
        // From this node's copy or the artifact store, verified against the digest logged with the run.
        byte[] artifact = tracker.readArtifact(v.run(), Tracker.MODEL_ARTIFACT).orElseThrow(
                () -> new IllegalStateException(
                        model + " version " + version + ": run " + v.run() + " has no model artifact"));
        try (InputStream in = new ByteArrayInputStream(artifact)) {
            FittedModel fitted = family.load(in);
            if (!fitted.features().equals(v.features())) {
                throw new IllegalStateException(model + " version " + version + ": the artifact's features "
                        + fitted.features() + " are not the registered " + v.features());
            }
            return fitted;
        } catch (IOException e) {
            throw new IllegalStateException(model + " version " + version + ": cannot load the model artifact of run "
                    + v.run() + ": " + e.getMessage(), e);
        }
    }

    /** Whether the family of a registered version is deployed. */
    public boolean deployed(String family) {
        return families.containsKey(family);
    }
}
