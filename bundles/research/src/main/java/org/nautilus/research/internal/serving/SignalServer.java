package org.nautilus.research.internal.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.FittedModel;
import org.nautilus.api.research.signal.ServedModel;
import org.nautilus.api.research.signal.Signal;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.tracking.ModelVersion;
import org.nautilus.api.research.tracking.RegisteredModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves registered models as signals (plain Java; {@link ServingComponent} wires it).
 *
 * <p>Bar closes arrive from the feature engine ({@link #featuresComputed}) and are queued; the serving thread
 * takes every close queued so far, groups them by bar series and close time, and for each served model and alias
 * predicts every instrument whose features of that close are all present, in one batch from one loaded version,
 * and publishes it. A refresh ({@link #refresh}, on the loader thread) compares each served alias with the
 * registry and loads a new version <em>beside</em> the one serving, then swaps the reference: batches before the
 * swap are all the old version's, after it all the new one's, and none is skipped. A model whose family plugin
 * goes away stops serving at once (its state says why) and comes back when the family does.
 */
public final class SignalServer implements AutoCloseable {

    /** What the server needs from the platform. */
    public interface Platform {
        List<RegisteredModel> models();

        FittedModel load(String model, int version);

        boolean deployed(String family);

        /** The interval (ISO-8601) the version's run was trained on, e.g. {@code P1D}. */
        String interval(ModelVersion version);

        /** The latest value of a factor on one bar series of an instrument. */
        Optional<FactorValue> feature(String factor, InstrumentId instrument, BarSpec bars);

        /**
         * The values of {@code factors} on one bar series of an instrument computed on the bar ending at {@code end};
         * a factor without a finite value as of then is left out. The platform reads them from the feature cache
         * when the grid runs one; by default, one {@link #feature} per factor.
         */
        default Map<String, Double> features(Set<String> factors, InstrumentId instrument, BarSpec bars,
                Instant end) {
            Map<String, Double> values = new HashMap<>(factors.size() * 2);
            for (String factor : factors) {
                Optional<FactorValue> value = feature(factor, instrument, bars);
                if (value.isPresent() && value.get().asOf().equals(end)) {
                    values.put(factor, value.get().value());
                }
            }
            return values;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SignalServer.class);

    private final Platform platform;
    private final Consumer<SignalBatch> publish;
    private final List<String> aliases;
    private final LinkedBlockingQueue<Close> closes = new LinkedBlockingQueue<>();
    private final Map<Key, Served> served = new ConcurrentHashMap<>();
    private final Map<Key, SignalBatch> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Set<String> needed = Set.of();

    /**
     * @param aliases served aliases; the first serves live, the others in shadow
     * @param publish told each batch (on the serving thread)
     */
    public SignalServer(Platform platform, List<String> aliases, Consumer<SignalBatch> publish) {
        if (aliases.isEmpty()) {
            throw new IllegalArgumentException("serving.aliases is empty: nothing would be served");
        }
        this.platform = platform;
        this.aliases = List.copyOf(aliases);
        this.publish = publish;
        this.thread = new Thread(this::serve, "nautilus-signals");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * A bar's features are published (the feature engine's thread): the values the served models need are read
     * now, as of this close, so a burst of closes is scored on each close's own values, not on whatever the engine
     * has computed by the time the serving thread gets to it.
     */
    public void featuresComputed(InstrumentId instrument, BarSpec bars, Instant end) {
        Set<String> features = needed;
        if (features.isEmpty()) {
            return;
        }
        closes.add(new Close(instrument, bars, end, platform.features(features, instrument, bars, end)));
    }

    /** The features of every loaded version, before a new one is swapped in (so its first batch has them). */
    private synchronized void need(List<String> more) {
        Set<String> union = new HashSet<>(more);
        for (Served s : served.values()) {
            Loaded loaded = s.loaded.get();
            if (loaded != null) {
                union.addAll(loaded.fitted.features());
            }
        }
        needed = Set.copyOf(union);
    }

    /**
     * Brings every served alias in line with the registry (caller's thread: the component's loader): loads what
     * changed beside what serves, then swaps; stops what lost its alias or family.
     */
    public void refresh() {
        Map<Key, Target> targets = new LinkedHashMap<>();
        for (RegisteredModel model : platform.models()) {
            for (int i = 0; i < aliases.size(); i++) {
                Integer version = model.aliases().get(aliases.get(i));
                if (version != null && version >= 1 && version <= model.versions().size()) {
                    targets.put(new Key(model.name(), aliases.get(i)),
                            new Target(model.versions().get(version - 1), i > 0));
                }
            }
        }
        served.keySet().removeIf(key -> {
            if (!targets.containsKey(key)) {
                LOG.info("{} {} no longer served", key.model, key.alias);
                return true;
            }
            return false;
        });
        targets.forEach((key, target) -> {
            Served s = served.computeIfAbsent(key, k -> new Served(k, target.shadow));
            ModelVersion v = target.version;
            Loaded current = s.loaded.get();
            if (!platform.deployed(v.family())) {
                s.loaded.set(null);
                s.state("WAITING", "model family " + v.family() + " is not deployed", v);
                return;
            }
            if (current != null && current.version.version() == v.version()) {
                return;
            }
            try {
                FittedModel fitted = platform.load(key.model, v.version());
                BarSpec bars = BarSpec.time(Duration.parse(platform.interval(v)));
                need(fitted.features());
                s.loaded.set(new Loaded(v, fitted, bars)); // the swap: one reference, read once per batch
                s.state("SERVING", null, v);
                LOG.info("{} {} serves version {} ({}){}", key.model, key.alias, v.version(), v.family(),
                        current == null ? "" : ", replacing version " + current.version.version());
            } catch (RuntimeException e) {
                s.state(current == null ? "WAITING" : "SERVING", "cannot load version " + v.version() + ": "
                        + e.getMessage(), current == null ? v : current.version);
                LOG.warn("{} {}: cannot load version {}: {}", key.model, key.alias, v.version(), e.getMessage());
            }
        });
    }

    /** A model family is going away: its models stop serving now (before its plugin's class loader goes). */
    public void familyRemoved(String family) {
        for (Served s : served.values()) {
            Loaded loaded = s.loaded.get();
            if (loaded != null && loaded.version.family().equals(family)) {
                s.loaded.set(null);
                s.state("WAITING", "model family " + family + " is not deployed", loaded.version);
                LOG.info("{} {} stops serving: model family {} removed", s.key.model, s.key.alias, family);
            }
        }
    }

    private void serve() {
        List<Close> batch = new ArrayList<>();
        while (running) {
            try {
                Close first = closes.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                closes.drainTo(batch);
                Map<BarSpec, Map<Instant, List<Close>>> groups = new LinkedHashMap<>();
                for (Close c : batch) {
                    groups.computeIfAbsent(c.bars, b -> new TreeMap<>()).computeIfAbsent(c.end, e -> new ArrayList<>())
                            .add(c);
                }
                batch.clear();
                groups.forEach((bars, byEnd) -> byEnd.forEach((end, instruments) -> score(bars, end, instruments)));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Serving failed on a batch of bar closes", e);
            }
        }
    }

    private void score(BarSpec bars, Instant end, List<Close> instruments) {
        for (Served s : served.values()) {
            Loaded loaded = s.loaded.get(); // one version for the whole batch
            if (loaded == null || !loaded.bars.equals(bars)) {
                continue;
            }
            List<String> features = loaded.fitted.features();
            List<InstrumentId> scored = new ArrayList<>(instruments.size());
            List<double[]> rows = new ArrayList<>(instruments.size());
            for (Close close : instruments) {
                double[] row = new double[features.size()];
                boolean complete = true;
                for (int f = 0; f < row.length && complete; f++) {
                    Double value = close.values.get(features.get(f));
                    complete = value != null;
                    row[f] = complete ? value : 0;
                }
                if (complete) {
                    scored.add(close.instrument);
                    rows.add(row);
                }
            }
            if (rows.isEmpty()) {
                continue;
            }
            double[] predictions;
            try {
                predictions = loaded.fitted.predict(rows.toArray(new double[0][]));
            } catch (RuntimeException e) {
                LOG.warn("{} {} version {} failed to predict: {}", s.key.model, s.key.alias,
                        loaded.version.version(), e.toString());
                continue;
            }
            List<Signal> signals = new ArrayList<>(predictions.length);
            for (int i = 0; i < predictions.length; i++) {
                signals.add(new Signal(scored.get(i), s.key.model, loaded.version.version(), s.key.alias,
                        predictions[i], end));
            }
            SignalBatch out = new SignalBatch(s.key.model, loaded.version.version(), s.key.alias, s.shadow, end,
                    signals);
            latest.put(s.key, out);
            s.published.incrementAndGet();
            try {
                publish.accept(out);
            } catch (RuntimeException e) {
                LOG.warn("Publishing signals of {} failed: {}", s.key.model, e.toString());
            }
        }
    }

    public List<ServedModel> served() {
        return served.values().stream().map(Served::view).filter(Objects::nonNull)
                .sorted(Comparator.comparing(ServedModel::model).thenComparing(ServedModel::alias)).toList();
    }

    public List<SignalBatch> latest() {
        return List.copyOf(latest.values());
    }

    public Optional<Signal> latest(String model, String alias, InstrumentId instrument) {
        SignalBatch batch = latest.get(new Key(model, alias));
        return batch == null ? Optional.empty()
                : batch.signals().stream().filter(s -> s.instrument().equals(instrument)).findFirst();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        served.clear();
    }

    private record Close(InstrumentId instrument, BarSpec bars, Instant end, Map<String, Double> values) {
    }

    private record Key(String model, String alias) {
    }

    private record Target(ModelVersion version, boolean shadow) {
    }

    private record Loaded(ModelVersion version, FittedModel fitted, BarSpec bars) {
    }

    private static final class Served {
        final Key key;
        final boolean shadow;
        final AtomicReference<Loaded> loaded = new AtomicReference<>();
        final AtomicLong published = new AtomicLong();
        volatile ServedModel view;

        Served(Key key, boolean shadow) {
            this.key = key;
            this.shadow = shadow;
        }

        void state(String state, String detail, ModelVersion version) {
            view = new ServedModel(key.model, key.alias, version.version(), version.family(), shadow, state, detail,
                    published.get());
        }

        ServedModel view() {
            ServedModel v = view;
            return v == null ? null
                    : new ServedModel(v.model(), v.alias(), v.version(), v.family(), v.shadow(), v.state(), v.detail(),
                            published.get());
        }
    }
}
