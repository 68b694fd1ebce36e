package org.nautilus.research.internal.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
import org.nautilus.api.research.cache.FeatureVector;
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
 * <p>Bar closes arrive from this node's feature engine ({@link #featuresComputed}) and, on any node, from the
 * feature cache as other nodes write their vectors ({@link #vectorWritten}); both are queued. The serving thread
 * gathers them per bar series and close time until the close is <em>complete</em>: every instrument of the
 * series' universe (each instrument seen on the series, learned from the closes) has arrived, or the grace has
 * passed since the first arrival (then what is there is scored and the batch names the missing instruments; one
 * that misses {@value #DROP_AFTER} closes in a row leaves the universe until its bars come again). Then, for each served model and alias, the close is published
 * as one batch from one loaded version: one batch per close, in close order. Each instrument's row is predicted as
 * soon as it has arrived whole, with the version loaded then, so that after a close's last bar only that bar's row
 * is left to predict (the target is the time from the last bar to the batch; the other rows were scored while the
 * engine computed the rest of the universe); at the close, the rows no version or another version predicted are
 * predicted in one call of the version serving now, so a batch never mixes versions. The first close of a
 * series always waits the grace (the universe is not known yet); an instrument whose bar comes after its close was
 * published is not scored for it and is expected from the next close on. A refresh ({@link #refresh}, on the loader thread) compares each served alias with the
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
        /**
         * The libraries whose vectors hold {@code factors}: a close read from the feature cache has arrived for an
         * instrument when each of them has; empty (the default): when any has.
         */
        default Set<String> libraries(Set<String> factors) {
            return Set.of();
        }

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

    /** How long a close waits for its missing instruments by default. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    /** Closes in a row an instrument may miss before the universe stops waiting for it. */
    static final int DROP_AFTER = 3;
    private static final Logger LOG = LoggerFactory.getLogger(SignalServer.class);

    private final Platform platform;
    private final Consumer<SignalBatch> publish;
    private final List<String> aliases;
    private final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    /** Closes being gathered, by bar series (serving thread only). */
    private final Map<BarSpec, Series> series = new HashMap<>();
    private final long graceNanos;
    private final AtomicLong late = new AtomicLong();
    private final Map<Key, Served> served = new ConcurrentHashMap<>();
    private final Map<Key, SignalBatch> latest = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Set<String> needed = Set.of();
    private volatile Set<String> neededLibraries = Set.of();

    /** With the default grace ({@link #DEFAULT_GRACE}). */
    public SignalServer(Platform platform, List<String> aliases, Consumer<SignalBatch> publish) {
        this(platform, aliases, publish, DEFAULT_GRACE);
    }

    /**
     * @param aliases served aliases; the first serves live, the others in shadow
     * @param publish told each batch (on the serving thread)
     * @param grace   how long after a close's first instrument arrived it is scored without the missing ones
     */
    public SignalServer(Platform platform, List<String> aliases, Consumer<SignalBatch> publish, Duration grace) {
        if (aliases.isEmpty()) {
            throw new IllegalArgumentException("serving.aliases is empty: nothing would be served");
        }
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("serving.grace must be positive, got " + grace.toMillis() + " ms");
        }
        this.graceNanos = grace.toNanos();
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
        arrivals.add(new Arrival(instrument, bars, end, null, platform.features(features, instrument, bars, end)));
    }

    /**
     * A vector was written to the feature cache, by this node or another (the grid's callback thread): its values
     * the served models need join the close of its bar. This is how a node serves closes its engine did not
     * compute; on the node that computed them it repeats what {@link #featuresComputed} brought, and is ignored.
     */
    public void vectorWritten(FeatureVector vector) {
        Set<String> features = needed;
        if (features.isEmpty()) {
            return;
        }
        Map<String, Double> values = new HashMap<>();
        List<String> names = vector.names();
        double[] row = vector.values();
        for (int i = 0; i < row.length; i++) {
            if (Double.isFinite(row[i]) && features.contains(names.get(i))) {
                values.put(names.get(i), row[i]);
            }
        }
        arrivals.add(new Arrival(vector.instrument(), vector.bars(), vector.asOf(), vector.library(), values));
    }

    /** Bars that came after their close was published (not scored for it). */
    public long late() {
        return late.get();
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
        neededLibraries = Set.copyOf(platform.libraries(needed));
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
        neededLibraries = Set.copyOf(platform.libraries(needed)); // libraries may have come since the last load
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
        List<Arrival> batch = new ArrayList<>();
        while (running) {
            try {
                Arrival first = arrivals.poll(untilNextDeadline(), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    arrivals.drainTo(batch);
                    for (Arrival arrival : batch) {
                        gather(arrival);
                    }
                    batch.clear();
                }
                scoreCompleteCloses();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("Serving failed on a batch of bar closes", e);
            }
        }
    }

    /** Nanoseconds until the earliest gathering close's grace ends (at most a second). */
    private long untilNextDeadline() {
        long wait = TimeUnit.SECONDS.toNanos(1);
        long now = System.nanoTime();
        for (Series s : series.values()) {
            if (!s.gathering.isEmpty()) {
                wait = Math.min(wait, Math.max(1, s.gathering.firstEntry().getValue().firstNanos + graceNanos - now));
            }
        }
        return wait;
    }

    private void gather(Arrival arrival) {
        Series s = series.computeIfAbsent(arrival.bars, b -> new Series());
        if (s.published != null && !arrival.end.isAfter(s.published)) {
            // Its close is out: expected from the next close on (a repeat from the cache changes nothing).
            if (s.universe.add(arrival.instrument) && arrival.library == null) {
                late.incrementAndGet();
                LOG.debug("{} {}: bar of {} came after the close was published", arrival.instrument,
                        arrival.bars, arrival.end);
            }
            return;
        }
        Gathering close = s.gathering.computeIfAbsent(arrival.end, e -> new Gathering(System.nanoTime()));
        Instrument instrument = close.instruments.computeIfAbsent(arrival.instrument, i -> new Instrument());
        arrival.values.forEach(instrument.values::putIfAbsent);
        boolean before = instrument.arrived;
        if (arrival.library == null) {
            instrument.arrived = true; // the engine computed every library of this bar
        } else {
            instrument.libraries.add(arrival.library);
            instrument.arrived |= instrument.libraries.containsAll(neededLibraries);
        }
        if (instrument.arrived && !before) {
            close.arrived++;
            s.universe.add(arrival.instrument);
            predictEarly(arrival.bars, instrument);
        }
    }

    /** Predicts an instrument's row as soon as it is whole, for each version serving on its bar series now. */
    private void predictEarly(BarSpec bars, Instrument instrument) {
        for (Served s : served.values()) {
            Loaded loaded = s.loaded.get();
            if (loaded == null || !loaded.bars.equals(bars)) {
                continue;
            }
            double[] row = row(loaded.fitted.features(), instrument.values);
            if (row != null) {
                try {
                    instrument.predicted.put(loaded, loaded.fitted.predict(row));
                } catch (RuntimeException e) {
                    // predicted again with the close's batch, which reports the failure
                }
            }
        }
    }

    /** The row of {@code features} in order, or null if a value is missing. */
    private static double[] row(List<String> features, Map<String, Double> values) {
        double[] row = new double[features.size()];
        for (int f = 0; f < row.length; f++) {
            Double value = values.get(features.get(f));
            if (value == null) {
                return null;
            }
            row[f] = value;
        }
        return row;
    }

    /**
     * Scores every close that is complete, in close order: one whose universe has all arrived, or whose grace is
     * over; an earlier close still gathering goes out first with what it has (a later close being complete, its
     * stragglers are late).
     */
    private void scoreCompleteCloses() {
        long now = System.nanoTime();
        for (Map.Entry<BarSpec, Series> entry : series.entrySet()) {
            Series s = entry.getValue();
            Instant last = null;
            for (Map.Entry<Instant, Gathering> close : s.gathering.entrySet()) {
                boolean graceOver = now - close.getValue().firstNanos >= graceNanos;
                if (graceOver || (s.settled && close.getValue().arrivedAll(s.universe))) {
                    last = close.getKey();
                }
            }
            while (last != null && !s.gathering.isEmpty() && !s.gathering.firstKey().isAfter(last)) {
                Map.Entry<Instant, Gathering> close = s.gathering.pollFirstEntry();
                publishClose(entry.getKey(), s, close.getKey(), close.getValue());
            }
        }
    }

    private void publishClose(BarSpec bars, Series s, Instant end, Gathering close) {
        List<InstrumentId> absent = new ArrayList<>();
        for (InstrumentId instrument : s.universe) {
            Instrument arrived = close.instruments.get(instrument);
            if (arrived == null || !arrived.arrived) {
                absent.add(instrument);
            }
        }
        close.instruments.forEach((instrument, arrived) -> {
            if (arrived.arrived) {
                s.misses.remove(instrument);
            }
        });
        if (!absent.isEmpty()) {
            LOG.warn("{} close {}: {} of {} instruments had not arrived after {} ms, scored without them: {}{}",
                    bars, end, absent.size(), s.universe.size(), graceNanos / 1_000_000,
                    absent.subList(0, Math.min(10, absent.size())), absent.size() > 10 ? " ..." : "");
            List<InstrumentId> leaving = new ArrayList<>();
            for (InstrumentId instrument : absent) {
                if (s.misses.merge(instrument, 1, Integer::sum) >= DROP_AFTER) {
                    leaving.add(instrument); // gone (delisted, unsubscribed): no grace wait on every close
                    s.misses.remove(instrument);
                    s.universe.remove(instrument);
                }
            }
            if (!leaving.isEmpty()) {
                LOG.warn("{}: {} instrument(s) missed {} closes in a row and leave the universe until their bars come"
                        + " again: {}", bars, leaving.size(), DROP_AFTER, leaving);
            }
        }
        s.settled = true;
        s.published = end;
        score(bars, end, close, absent);
    }

    /**
     * Publishes the close for each served model: the instruments with every feature, each predicted by the version
     * serving now (early, or here in one call for the rows it has not predicted yet).
     */
    private void score(BarSpec bars, Instant end, Gathering close, List<InstrumentId> absent) {
        List<InstrumentId> instruments = new ArrayList<>(close.instruments.keySet());
        instruments.sort(Comparator.naturalOrder());
        for (Served s : served.values()) {
            Loaded loaded = s.loaded.get(); // one version for the whole batch
            if (loaded == null || !loaded.bars.equals(bars)) {
                continue;
            }
            List<String> features = loaded.fitted.features();
            List<InstrumentId> scored = new ArrayList<>(instruments.size());
            Set<InstrumentId> missing = new TreeSet<>(absent);
            double[] predictions = new double[instruments.size()];
            double[][] rows = new double[instruments.size()][];
            int[] at = new int[instruments.size()];
            int toPredict = 0;
            for (InstrumentId instrument : instruments) {
                Instrument arrived = close.instruments.get(instrument);
                Double early = arrived.predicted.get(loaded);
                if (early != null) {
                    predictions[scored.size()] = early;
                    scored.add(instrument);
                    continue;
                }
                double[] row = row(features, arrived.values);
                if (row == null) {
                    missing.add(instrument);
                } else {
                    rows[toPredict] = row;
                    at[toPredict++] = scored.size();
                    scored.add(instrument);
                }
            }
            if (scored.isEmpty()) {
                continue;
            }
            if (toPredict > 0) {
                try {
                    double[] late = loaded.fitted.predict(Arrays.copyOf(rows, toPredict));
                    for (int i = 0; i < toPredict; i++) {
                        predictions[at[i]] = late[i];
                    }
                } catch (RuntimeException e) {
                    LOG.warn("{} {} version {} failed to predict: {}", s.key.model, s.key.alias,
                            loaded.version.version(), e.toString());
                    continue;
                }
            }
            List<Signal> signals = new ArrayList<>(scored.size());
            for (int i = 0; i < scored.size(); i++) {
                signals.add(new Signal(scored.get(i), s.key.model, loaded.version.version(), s.key.alias,
                        predictions[i], end));
            }
            SignalBatch out = new SignalBatch(s.key.model, loaded.version.version(), s.key.alias, s.shadow, end,
                    signals, List.copyOf(missing));
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

    /** One instrument's values of a close: all from the engine (library null), or one library's from the cache. */
    private record Arrival(InstrumentId instrument, BarSpec bars, Instant end, String library,
            Map<String, Double> values) {
    }

    /** A bar series' universe and closes (serving thread only). */
    private static final class Series {
        /** Every instrument seen on the series (sorted: batches and logs list them alike). */
        final Set<InstrumentId> universe = new TreeSet<>();
        /** Consecutive closes each instrument of the universe missed. */
        final Map<InstrumentId, Integer> misses = new HashMap<>();
        final TreeMap<Instant, Gathering> gathering = new TreeMap<>();
        /** The universe is known: a close was published (before that, each close waits the grace). */
        boolean settled;
        Instant published;
    }

    /** A close being gathered. */
    private static final class Gathering {
        final long firstNanos;
        final Map<InstrumentId, Instrument> instruments = new HashMap<>();
        /** Instruments that have arrived whole. */
        int arrived;

        Gathering(long firstNanos) {
            this.firstNanos = firstNanos;
        }

        boolean arrivedAll(Set<InstrumentId> universe) {
            if (arrived < universe.size()) {
                return false; // the cheap test first: it runs at every wake of the serving thread
            }
            for (InstrumentId instrument : universe) {
                Instrument arrived = instruments.get(instrument);
                if (arrived == null || !arrived.arrived) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Instrument {
        final Map<String, Double> values = new HashMap<>();
        final Set<String> libraries = new HashSet<>(4);
        /** Predictions made when the row arrived whole, by the version that made them (same object). */
        final Map<Loaded, Double> predicted = new IdentityHashMap<>(2);
        boolean arrived;
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
