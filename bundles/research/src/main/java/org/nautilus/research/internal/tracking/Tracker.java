package org.nautilus.research.internal.tracking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nautilus.api.research.artifacts.ArtifactIntegrityException;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.api.research.tracking.AliasChange;
import org.nautilus.api.research.tracking.Experiment;
import org.nautilus.api.research.tracking.MetricPoint;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.nautilus.api.research.tracking.Run;
import org.nautilus.api.research.tracking.RunQuery;
import org.nautilus.api.research.tracking.RunStatus;
import org.nautilus.api.research.tracking.TrackingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Experiments, runs and registered models (plain Java). Everything is held in memory for queries (listing 10,000
 * runs is a scan of an in-memory index) and written through a {@link StoreWriter} to the durable
 * {@link TrackingStore}, from which a new tracker loads it again. Artifacts go to the {@link ArtifactStore} (the
 * durable copy every node reads) and to this node's local folder {@code artifacts/<run>/} (a cache); their content
 * digests are recorded in the run and checked whenever an artifact is read back.
 *
 * <p>Thread-safe: each run and registered model is changed under its own lock.
 */
public final class Tracker implements AutoCloseable {

    /** The model artifact of a run, which a registered version loads. */
    public static final String MODEL_ARTIFACT = "model.bin";

    static final String EXPERIMENT = "experiment/";
    static final String RUN = "run/";
    static final String METRIC = "metric/";
    static final String MODEL = "model/";

    private static final Logger LOG = LoggerFactory.getLogger(Tracker.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final SecureRandom IDS = new SecureRandom();

    private final Path artifacts;
    private final ArtifactStore store;
    private final Clock clock;
    private final StoreWriter writer;
    private final Map<String, Experiment> experiments = new ConcurrentSkipListMap<>();
    private final Map<String, RunState> runs = new ConcurrentHashMap<>();
    /** Newest first: (started, id) -> id. */
    private final ConcurrentSkipListMap<RunKey, String> byStart = new ConcurrentSkipListMap<>();
    private final Map<String, ModelState> models = new ConcurrentSkipListMap<>();

    /**
     * @param artifacts     this node's local folder of artifacts (a cache of the store's)
     * @param artifactStore where artifacts are kept for every node
     */
    public Tracker(TrackingStore store, ArtifactStore artifactStore, Path artifacts, Clock clock) {
        this.artifacts = artifacts;
        this.store = artifactStore;
        this.clock = clock;
        load(store);
        this.writer = new StoreWriter(store);
    }

    private void load(TrackingStore store) {
        store.load(EXPERIMENT).forEach((key, text) -> {
            Map<String, String> f = Records.read(text);
            String name = key.substring(EXPERIMENT.length());
            experiments.put(name, new Experiment(name, Instant.parse(f.get("created"))));
        });
        Map<String, String> metrics = store.load(METRIC);
        store.load(RUN).forEach((key, text) -> {
            RunState run = RunState.read(Records.read(text));
            runs.put(run.id, run);
            byStart.put(new RunKey(run.started, run.id), run.id);
        });
        metrics.forEach((key, text) -> {
            String[] parts = key.substring(METRIC.length()).split("/", 2);
            RunState run = runs.get(parts[0]);
            if (run != null && parts.length == 2) {
                run.history.put(parts[1], MetricLines.read(parts[1], text));
            }
        });
        store.load(MODEL).forEach((key, text) -> {
            ModelState model = ModelState.read(key.substring(MODEL.length()), Records.read(text));
            models.put(model.name, model);
        });
    }

    // ---- experiments and runs ----

    public Experiment experiment(String name) {
        checkName("experiment", name);
        return experiments.computeIfAbsent(name, n -> {
            Experiment e = new Experiment(n, clock.instant());
            writer.put(EXPERIMENT + n, () -> Records.write(Map.of("created", e.created().toString())));
            return e;
        });
    }

    public List<Experiment> experiments() {
        return List.copyOf(experiments.values());
    }

    public Run startRun(String experiment, String parent, String name, long seed, Map<String, String> codeVersion) {
        experiment(experiment);
        if (parent != null) {
            RunState p = state(parent);
            if (!p.experiment.equals(experiment)) {
                throw new IllegalArgumentException("parent run " + parent + " is in experiment " + p.experiment
                        + ", not " + experiment);
            }
        }
        String id = HexFormat.of().formatHex(randomBytes());
        RunState run = new RunState(id, experiment, parent, name == null ? id : name, clock.instant(), seed,
                codeVersion);
        runs.put(id, run);
        byStart.put(new RunKey(run.started, id), id);
        save(run);
        return run.snapshot();
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        IDS.nextBytes(bytes);
        return bytes;
    }

    public void logParam(String id, String key, String value) {
        RunState run = state(id);
        synchronized (run) {
            run.checkRunning();
            String old = run.params.get(key);
            if (old != null) {
                if (!old.equals(value)) {
                    throw new IllegalArgumentException("run " + id + ": parameter " + key + " is already " + old
                            + "; parameters are written once (got " + value + ")");
                }
                return;
            }
            run.params.put(key, value);
            save(run);
        }
    }

    public void logMetric(String id, String key, double value, long step) {
        RunState run = state(id);
        synchronized (run) {
            run.checkRunning();
            List<MetricPoint> points = run.history.computeIfAbsent(key, k -> new ArrayList<>());
            points.add(new MetricPoint(key, value, step, clock.instant()));
            run.metrics.put(key, value);
            writer.put(METRIC + id + "/" + key, () -> {
                synchronized (run) {
                    return MetricLines.write(points);
                }
            });
            save(run);
        }
    }

    public void setTag(String id, String key, String value) {
        RunState run = state(id);
        synchronized (run) {
            run.tags.put(key, value);
            save(run);
        }
    }

    public void logDataset(String id, String digest) {
        RunState run = state(id);
        synchronized (run) {
            run.checkRunning();
            if (run.datasetDigest != null && !run.datasetDigest.equals(digest)) {
                throw new IllegalArgumentException("run " + id + " already has dataset " + run.datasetDigest);
            }
            run.datasetDigest = digest;
            save(run);
        }
    }

    public Path logArtifact(String id, String name, byte[] content) {
        RunState run = state(id);
        checkName("artifact", name);
        StoredArtifact stored = store.put(id, name, content);
        Path file = cache(id, name, content);
        synchronized (run) {
            run.digests.put(name, stored.digest());
            if (!run.artifacts.contains(name)) {
                run.artifacts.add(name);
            }
            save(run);
        }
        return file;
    }

    /** Writes the local copy (temporary file moved into place: a reader never sees half of it). */
    private Path cache(String id, String name, byte[] content) {
        Path file = artifacts.resolve(id).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(name + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write artifact " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The local file, fetched from the store (verified) if this node does not hold it. */
    public Optional<Path> artifact(String id, String name) {
        return listed(id, name).map(listed -> {
            Path file = artifacts.resolve(id).resolve(name);
            if (!Files.exists(file)) {
                cache(id, name, fromStore(id, name, listed.digest()));
            }
            return file;
        });
    }

    /**
     * The content, verified against the recorded digest: the local copy if intact, otherwise the store's (cached
     * locally again). Empty if the run does not list the artifact.
     */
    public Optional<byte[]> readArtifact(String id, String name) {
        return listed(id, name).map(listed -> read(id, name, listed.digest()));
    }

    private byte[] read(String id, String name, String digest) {
        Path file = artifacts.resolve(id).resolve(name);
        if (Files.exists(file)) {
            try {
                byte[] local = Files.readAllBytes(file);
                if (digest == null || digest.equals(StoredArtifact.digestOf(local))) {
                    return local;
                }
                LOG.warn("Local copy {} of artifact {} of run {} is not what was logged: reading the store's", file,
                        name, id);
            } catch (IOException e) {
                LOG.warn("Cannot read local copy {}: {}; reading the store's", file, e.toString());
            }
        }
        byte[] content = fromStore(id, name, digest);
        cache(id, name, content);
        return content;
    }

    /** The store's copies of the run's artifacts (empty for an unknown run). */
    public List<StoredArtifact> storedArtifacts(String id) {
        return runs.containsKey(id) ? store.list(id) : List.of();
    }

    /** The artifact store, for listings: kind and location. */
    public String artifactStore() {
        return store.kind() + " " + store.location();
    }

    /** An artifact the run lists, with its recorded digest ({@code null}: logged before digests were recorded). */
    private record Listed(String digest) {
    }

    private Optional<Listed> listed(String id, String name) {
        RunState run = runs.get(id);
        if (run == null) {
            return Optional.empty();
        }
        synchronized (run) {
            return run.artifacts.contains(name) ? Optional.of(new Listed(run.digests.get(name))) : Optional.empty();
        }
    }

    private byte[] fromStore(String id, String name, String digest) {
        byte[] content = store.get(id, name).orElseThrow(() -> new IllegalStateException("artifact " + name
                + " of run " + id + " is in neither this node's folder " + artifacts + " nor the artifact store ("
                + artifactStore() + ")"));
        String actual = StoredArtifact.digestOf(content);
        if (digest != null && !digest.equals(actual)) {
            throw new ArtifactIntegrityException(id, name, "the artifact store (" + artifactStore() + ")", digest,
                    actual);
        }
        return content;
    }

    public void endRun(String id, RunStatus status) {
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("a run ends FINISHED or FAILED, not RUNNING");
        }
        RunState run = state(id);
        synchronized (run) {
            run.checkRunning();
            run.status = status;
            run.ended = clock.instant();
            save(run);
        }
    }

    public Optional<Run> run(String id) {
        RunState run = runs.get(id);
        return run == null ? Optional.empty() : Optional.of(run.snapshot());
    }

    public List<Run> runs(RunQuery query) {
        List<Run> result = new ArrayList<>();
        for (String id : byStart.values()) {
            RunState run = runs.get(id);
            if (run != null && run.matches(query)) {
                result.add(run.snapshot());
                if (query.limit() > 0 && result.size() >= query.limit()) {
                    break;
                }
            }
        }
        return result;
    }

    public List<MetricPoint> metricHistory(String id, String key) {
        RunState run = state(id);
        synchronized (run) {
            return List.copyOf(run.history.getOrDefault(key, List.of()));
        }
    }

    /** Refuses (deleting nothing) if the run or any of its folds is a registered version; then deletes them all. */
    public void deleteRun(String id) {
        refuseIfRegistered(id);
        delete(id);
    }

    private void refuseIfRegistered(String id) {
        state(id);
        for (String child : children(id)) {
            refuseIfRegistered(child);
        }
        for (ModelState model : models.values()) {
            synchronized (model) {
                for (ModelVersion v : model.versions) {
                    if (v.run().equals(id)) {
                        throw new IllegalStateException(
                                "run " + id + " is version " + v.version() + " of registered model "
                                        + model.name + ": delete the model first");
                    }
                }
            }
        }
    }

    private void delete(String id) {
        RunState run = state(id);
        for (String child : children(id)) {
            delete(child);
        }
        synchronized (run) {
            runs.remove(id);
            byStart.remove(new RunKey(run.started, id));
            writer.remove(RUN + id);
            for (String key : run.history.keySet()) {
                writer.remove(METRIC + id + "/" + key);
            }
        }
        deleteDirectory(artifacts.resolve(id));
        store.deleteRun(id);
    }

    private List<String> children(String id) {
        List<String> children = new ArrayList<>();
        runs.values().forEach(r -> {
            if (id.equals(r.parent)) {
                children.add(r.id);
            }
        });
        return children;
    }

    public void deleteExperiment(String name) {
        if (!experiments.containsKey(name)) {
            throw new IllegalArgumentException("no experiment " + name + "; experiments: " + experiments.keySet());
        }
        List<String> top = runs.values().stream().filter(r -> r.experiment.equals(name) && r.parent == null)
                .map(r -> r.id).toList();
        top.forEach(this::refuseIfRegistered); // all or nothing
        top.forEach(this::delete);
        experiments.remove(name);
        writer.remove(EXPERIMENT + name);
    }

    // ---- registry ----

    public ModelVersion register(String model, String runId, String family, List<String> features) {
        checkName("model", model);
        RunState run = state(runId);
        Run r = run.snapshot();
        if (r.status() != RunStatus.FINISHED) {
            throw new IllegalArgumentException(
                    "run " + runId + " is " + r.status() + "; only a FINISHED run can be registered");
        }
        if (!r.artifacts().contains(MODEL_ARTIFACT)) {
            throw new IllegalArgumentException(
                    "run " + runId + " has no " + MODEL_ARTIFACT + " artifact (a fold's child "
                            + "run? register its parent)");
        }
        ModelState state = models.computeIfAbsent(model, ModelState::new);
        synchronized (state) {
            ModelVersion version = new ModelVersion(model, state.versions.size() + 1, runId, family, features,
                    r.datasetDigest(), r.codeVersion(), clock.instant());
            state.versions.add(version);
            saveModel(state);
            return version;
        }
    }

    public List<RegisteredModel> models() {
        return models.values().stream().map(ModelState::snapshot).toList();
    }

    public Optional<RegisteredModel> model(String name) {
        ModelState state = models.get(name);
        return state == null ? Optional.empty() : Optional.of(state.snapshot());
    }

    public AliasChange setAlias(String model, String alias, int version, String user) {
        checkName("alias", alias);
        ModelState state = modelState(model);
        synchronized (state) {
            if (version < 1 || version > state.versions.size()) {
                throw new IllegalArgumentException(
                        model + " has versions 1.." + state.versions.size() + ", not " + version);
            }
            int previous = state.aliases.getOrDefault(alias, 0);
            state.aliases.put(alias, version);
            AliasChange change = new AliasChange(model, alias, previous, version, user, clock.instant());
            state.history.add(change);
            saveModel(state);
            return change;
        }
    }

    public AliasChange rollback(String model, String alias, String user) {
        ModelState state = modelState(model);
        synchronized (state) {
            int current = state.aliases.getOrDefault(alias, 0);
            if (current == 0) {
                throw new IllegalArgumentException(model + " has no alias " + alias);
            }
            int before = 0;
            for (int i = state.history.size() - 1; i >= 0; i--) {
                AliasChange c = state.history.get(i);
                if (c.alias().equals(alias) && c.version() == current) {
                    before = c.previous();
                    break;
                }
            }
            if (before == 0) {
                throw new IllegalArgumentException(model + " " + alias + " had no version before " + current
                        + ": nothing to roll back to");
            }
            state.aliases.put(alias, before);
            AliasChange change = new AliasChange(model, alias, current, before, user, clock.instant());
            state.history.add(change);
            saveModel(state);
            return change;
        }
    }

    public List<AliasChange> aliasHistory(String model) {
        ModelState state = modelState(model);
        synchronized (state) {
            return List.copyOf(state.history);
        }
    }

    public ModelVersion version(String model, int version) {
        ModelState state = modelState(model);
        synchronized (state) {
            if (version < 1 || version > state.versions.size()) {
                throw new IllegalArgumentException(
                        model + " has versions 1.." + state.versions.size() + ", not " + version);
            }
            return state.versions.get(version - 1);
        }
    }

    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        writer.close();
    }

    // ---- internals ----

    private RunState state(String id) {
        RunState run = id == null ? null : runs.get(id);
        if (run == null) {
            throw new IllegalArgumentException("no run " + id);
        }
        return run;
    }

    private ModelState modelState(String name) {
        ModelState state = models.get(name);
        if (state == null) {
            throw new IllegalArgumentException("no registered model " + name + "; models: " + models.keySet());
        }
        return state;
    }

    private void save(RunState run) {
        writer.put(RUN + run.id, () -> Records.write(run.fields()));
        run.cached = null;
    }

    private void saveModel(ModelState model) {
        writer.put(MODEL + model.name, () -> Records.write(model.fields()));
    }

    static void checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid " + what + " name '" + name
                    + "': letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100");
        }
    }

    static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private record RunKey(Instant started, String id) implements Comparable<RunKey> {
        @Override
        public int compareTo(RunKey o) {
            int c = o.started.compareTo(started); // newest first
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    /** A run's mutable state; {@link #snapshot()} is cached until the next change. */
    static final class RunState {
        final String id;
        final String experiment;
        final String parent;
        final String name;
        final Instant started;
        final long seed;
        final Map<String, String> codeVersion;
        final Map<String, String> params = new TreeMap<>();
        final Map<String, Double> metrics = new TreeMap<>();
        final Map<String, String> tags = new TreeMap<>();
        final List<String> artifacts = new ArrayList<>();
        /** Artifact name to its content digest as logged. */
        final Map<String, String> digests = new TreeMap<>();
        final Map<String, List<MetricPoint>> history = new HashMap<>();
        RunStatus status = RunStatus.RUNNING;
        Instant ended;
        String datasetDigest;
        volatile Run cached;

        RunState(String id, String experiment, String parent, String name, Instant started, long seed,
                Map<String, String> codeVersion) {
            this.id = id;
            this.experiment = experiment;
            this.parent = parent;
            this.name = name;
            this.started = started;
            this.seed = seed;
            this.codeVersion = Map.copyOf(codeVersion);
        }

        void checkRunning() {
            if (status != RunStatus.RUNNING) {
                throw new IllegalStateException("run " + id + " is " + status + ": a finished run is not logged to");
            }
        }

        Run snapshot() {
            Run run = cached;
            if (run == null) {
                synchronized (this) {
                    run = new Run(id, experiment, parent, name, status, started, ended, seed, datasetDigest,
                            codeVersion, params, metrics, tags, artifacts, digests);
                    cached = run;
                }
            }
            return run;
        }

        boolean matches(RunQuery q) {
            if (q.experiment() != null && !q.experiment().equals(experiment)) {
                return false;
            }
            if (q.topLevel() && parent != null) {
                return false;
            }
            Run run = snapshot();
            if (q.status() != null && q.status() != run.status()) {
                return false;
            }
            for (Map.Entry<String, String> e : q.params().entrySet()) {
                if (!e.getValue().equals(run.params().get(e.getKey()))) {
                    return false;
                }
            }
            for (Map.Entry<String, String> e : q.tags().entrySet()) {
                if (!e.getValue().equals(run.tags().get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        synchronized Map<String, String> fields() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("id", id);
            f.put("experiment", experiment);
            if (parent != null) {
                f.put("parent", parent);
            }
            f.put("name", name);
            f.put("status", status.name());
            f.put("started", started.toString());
            if (ended != null) {
                f.put("ended", ended.toString());
            }
            f.put("seed", Long.toString(seed));
            if (datasetDigest != null) {
                f.put("dataset", datasetDigest);
            }
            Records.putSection(f, "code.", codeVersion);
            Records.putSection(f, "param.", params);
            Records.putSection(f, "metric.", metrics);
            Records.putSection(f, "tag.", tags);
            f.put("artifacts", String.join("/", artifacts));
            Records.putSection(f, "digest.", digests);
            return f;
        }

        static RunState read(Map<String, String> f) {
            RunState run = new RunState(f.get("id"), f.get("experiment"), f.get("parent"), f.get("name"),
                    Instant.parse(f.get("started")), Long.parseLong(f.get("seed")), Records.section(f, "code."));
            run.status = RunStatus.valueOf(f.get("status"));
            run.ended = f.containsKey("ended") ? Instant.parse(f.get("ended")) : null;
            run.datasetDigest = f.get("dataset");
            run.params.putAll(Records.section(f, "param."));
            Records.section(f, "metric.").forEach((k, v) -> run.metrics.put(k, Double.parseDouble(v)));
            run.tags.putAll(Records.section(f, "tag."));
            run.digests.putAll(Records.section(f, "digest."));
            String artifacts = f.getOrDefault("artifacts", "");
            if (!artifacts.isEmpty()) {
                Collections.addAll(run.artifacts, artifacts.split("/"));
            }
            return run;
        }
    }

    /** A metric's history as text: one {@code step<TAB>time<TAB>value} line per point (value as exact bits). */
    static final class MetricLines {
        private MetricLines() {
        }

        static String write(List<MetricPoint> points) {
            StringBuilder text = new StringBuilder();
            for (MetricPoint p : points) {
                text.append(p.step()).append('\t').append(p.time()).append('\t')
                        .append(Long.toHexString(Double.doubleToRawLongBits(p.value()))).append('\n');
            }
            return text.toString();
        }

        static List<MetricPoint> read(String key, String text) {
            List<MetricPoint> points = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (!line.isEmpty()) {
                    String[] parts = line.split("\t");
                    points.add(new MetricPoint(key, Double.longBitsToDouble(Long.parseUnsignedLong(parts[2], 16)),
                            Long.parseLong(parts[0]), Instant.parse(parts[1])));
                }
            }
            return points;
        }
    }

    /** A registered model's versions, aliases and alias history. */
    static final class ModelState {
        final String name;
        final List<ModelVersion> versions = new ArrayList<>();
        final Map<String, Integer> aliases = new TreeMap<>();
        final List<AliasChange> history = new ArrayList<>();

        ModelState(String name) {
            this.name = name;
        }

        synchronized RegisteredModel snapshot() {
            return new RegisteredModel(name, versions, aliases);
        }

        synchronized Map<String, String> fields() {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("versions", Integer.toString(versions.size()));
            for (ModelVersion v : versions) {
                String p = "v" + v.version() + ".";
                f.put(p + "run", v.run());
                f.put(p + "family", v.family());
                f.put(p + "features", String.join("\t", v.features()));
                if (v.datasetDigest() != null) {
                    f.put(p + "dataset", v.datasetDigest());
                }
                Records.putSection(f, p + "code.", v.codeVersion());
                f.put(p + "created", v.created().toString());
            }
            Records.putSection(f, "alias.", aliases);
            f.put("history", Integer.toString(history.size()));
            for (int i = 0; i < history.size(); i++) {
                AliasChange c = history.get(i);
                f.put("h" + i,
                        c.alias() + "\t" + c.previous() + "\t" + c.version() + "\t" + c.user() + "\t" + c.time());
            }
            return f;
        }

        static ModelState read(String name, Map<String, String> f) {
            ModelState m = new ModelState(name);
            int count = Integer.parseInt(f.get("versions"));
            for (int v = 1; v <= count; v++) {
                String p = "v" + v + ".";
                String features = f.getOrDefault(p + "features", "");
                m.versions.add(new ModelVersion(name, v, f.get(p + "run"), f.get(p + "family"),
                        features.isEmpty() ? List.of() : List.of(features.split("\t", -1)), f.get(p + "dataset"),
                        Records.section(f, p + "code."), Instant.parse(f.get(p + "created"))));
            }
            Records.section(f, "alias.").forEach((k, v) -> m.aliases.put(k, Integer.parseInt(v)));
            int history = Integer.parseInt(f.getOrDefault("history", "0"));
            for (int i = 0; i < history; i++) {
                String[] parts = f.get("h" + i).split("\t", -1);
                m.history.add(new AliasChange(name, parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                        parts[3], Instant.parse(parts[4])));
            }
            return m;
        }
    }
}
