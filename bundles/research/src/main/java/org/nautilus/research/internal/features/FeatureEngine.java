package org.nautilus.research.internal.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.Factor;
import org.nautilus.api.research.FactorInfo;
import org.nautilus.api.research.FactorProblem;
import org.nautilus.api.research.FactorValue;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.research.internal.expression.PanelStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes every registered factor on every bar series of every instrument as bars close: the {@link Factor}
 * plugins over a bounded window of recent bars per series, the factor libraries' compiled programs with one
 * {@link LibraryStream} per library and series, updated bar by bar. Keeps the latest value and a bounded history
 * per factor, instrument and series.
 *
 * <p>Each instrument's factors follow its own bars, whatever their spec: the 1 s bars the gateway cuts from the
 * simulated ticks, the daily bars a replay publishes; a series is the instrument and the bar spec together.
 *
 * <p>Threading: {@link #register}, {@link #unregister}, {@link #addLibrary}, {@link #removeLibrary} and the
 * queries are safe from any thread; every other method mutates the windows and streams and must be called from
 * one writer thread. The queries show only values of factors registered right now, so a factor (or library) that
 * goes disappears at once, before the writer has purged its values.
 */
public final class FeatureEngine {

    /** Where the engine finds the bars a series already had before the engine saw it. */
    @FunctionalInterface
    public interface BarHistory {
        /** Closed bars of one spec, oldest first, at most {@code limit} of the most recent. */
        List<Bar> bars(InstrumentId instrument, BarSpec spec, int limit);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FeatureEngine.class);

    private final BarHistory barHistory;
    private final Map<String, Factor> factors = new ConcurrentHashMap<>();
    /** Who publishes each name: a {@link Factor} or a {@link CompiledLibrary}. A name has one owner. */
    private final Map<String, Object> owners = new ConcurrentHashMap<>();
    private final List<Registered> libraries = new CopyOnWriteArrayList<>();
    private final Map<Key, Map<BarSpec, Series>> values = new ConcurrentHashMap<>();
    private final AtomicLong staleBars = new AtomicLong();
    private volatile int window;
    private volatile int historySize;
    private volatile int warmup;

    // Writer-thread state.
    private final Map<SeriesKey, ArrayDeque<Bar>> windows = new HashMap<>();
    private final Map<CompiledLibrary, Map<SeriesKey, LibraryStream>> streams = new IdentityHashMap<>();
    private final Map<CompiledLibrary, Map<BarSpec, LivePanel>> panels = new IdentityHashMap<>();
    private volatile Map<InstrumentId, String> groups = Map.of();
    private final Set<Factor> failing = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The feature cache the libraries' streams write to and resume from; null: none. */
    private volatile FeatureCacheLink cache;
    /** Fundamentals and sentiment for the libraries' data fields ({@code $eps}, {@code $sentiment}). */
    private volatile PointInTimeSources pointInTime = PointInTimeSources.none();
    /** The names of the libraries this engine has started (writer thread). */
    private final Set<String> librariesStarted = new HashSet<>();

    /**
     * @param barHistory  the bars a series had before the engine's first bar of it
     * @param window      bars given to each factor plugin (at least its lookback)
     * @param historySize values kept per factor and series
     * @param warmup      bars of history a library's new stream is fed before its first live bar
     */
    public FeatureEngine(BarHistory barHistory, int window, int historySize, int warmup) {
        this.barHistory = barHistory;
        configure(window, historySize, warmup);
    }

    public FeatureEngine(BarHistory barHistory, int window, int historySize) {
        this(barHistory, window, historySize, 5000);
    }

    /** Changes the sizes (writer thread); smaller sizes apply from the next bar, warm-up from the next stream. */
    public void configure(int window, int historySize, int warmup) {
        if (window < 1 || historySize < 1 || warmup < 1) {
            throw new IllegalArgumentException("bars.window, history.size and warmup.bars must be at least 1, got "
                    + window + ", " + historySize + " and " + warmup);
        }
        this.window = window;
        this.historySize = historySize;
        this.warmup = warmup;
    }

    public void configure(int window, int historySize) {
        configure(window, historySize, warmup);
    }

    /**
     * A new engine with this one's sizes, factor plugins, compiled libraries (their programs are shared: a compiled
     * program holds no state, each engine runs its own streams) and instrument groups, but no series and no values:
     * it sees only the bars it is given, with no history (any thread; the new engine then has one writer of its own).
     * What a backtest computes its factors with.
     */
    public FeatureEngine fresh() {
        FeatureEngine copy = new FeatureEngine((instrument, spec, limit) -> List.of(), window, historySize, warmup);
        factors.values().forEach(copy::register);
        for (Registered registered : libraries) {
            copy.addLibrary(registered.source, registered.library);
            copy.startLibrary(registered.library);
        }
        copy.groups(groups);
        copy.regroup();
        copy.pointInTime(pointInTime); // a backtest's $eps is what was published by each bar's end, as live
        return copy;
    }

    /**
     * Where the libraries' data fields come from (any thread; streams created from then on read them, and every
     * stream re-reads an instrument's fundamentals when the store takes new ones).
     */
    public void pointInTime(PointInTimeSources sources) {
        this.pointInTime = sources;
    }

    /**
     * Writes the libraries' vectors (every bar) and stream states (every {@code stateEvery} bars of a series) to
     * {@code cache}, and resumes new streams from it; null stops that (any thread; applies from the next bar).
     */
    public void cache(FeatureCache featureCache, int stateEvery) {
        this.cache = featureCache == null ? null : new FeatureCacheLink(featureCache, stateEvery);
    }

    /**
     * Offers the state of every library stream to the cache now (writer thread), so a restart resumes each one
     * without replaying a bar; then waits for the cache to write them.
     */
    public void snapshotToCache(Duration timeout) {
        FeatureCacheLink link = cache;
        if (link == null) {
            return;
        }
        int n = 0;
        for (Registered registered : libraries) {
            Map<SeriesKey, LibraryStream> byseries = streams.get(registered.library);
            if (byseries == null) {
                continue;
            }
            for (Map.Entry<SeriesKey, LibraryStream> entry : byseries.entrySet()) {
                LibraryStream stream = entry.getValue();
                ArrayDeque<Bar> bars = windows.get(entry.getKey());
                Bar last = bars == null ? null : bars.peekLast();
                if (stream.bars() > 0 && stream.sinceSnapshot() > 0 && last != null
                        && last.end().equals(stream.lastEnd())) {
                    link.offerState(registered.library, entry.getKey(), stream, last);
                    n++;
                }
            }
        }
        int p = 0;
        for (Map<BarSpec, LivePanel> bySpec : panels.values()) {
            for (LivePanel panel : bySpec.values()) {
                p += panel.offerState() ? 1 : 0;
            }
        }
        boolean written = link.cache().flush(timeout);
        LOG.info("Feature cache: {} stream states and {} panel states offered at stop{}", n, p, written ? ", written"
                : ", NOT all written");
    }

    /** Streams resumed from the cache, bars replayed after their states, streams computed from bar history. */
    public long[] cacheCounts() {
        FeatureCacheLink link = cache;
        return link == null ? new long[3] : link.counts();
    }

    /**
     * Cross-sectional panels resumed from the cache, and panels whose cached state did not fit (other definitions,
     * universe, grouping, format, or a bar history not reaching back to it) and were computed from bar history.
     */
    public long[] panelCacheCounts() {
        FeatureCacheLink link = cache;
        return link == null ? new long[2] : link.panelCounts();
    }

    // ---- factor plugins ----

    /**
     * Adds a factor plugin (any thread); {@link #computeLatest} then gives it values from the bars already seen.
     * A plugin with the name of a registered plugin replaces it; a name a library publishes stays the library's.
     */
    public void register(Factor factor) {
        Object owner = owners.compute(factor.name(),
                (name, current) -> current == null || current instanceof Factor ? factor : current);
        if (owner != factor) {
            LOG.warn("Factor plugin {} ignored: {} already publishes a factor of that name", factor.name(), owner);
            return;
        }
        Factor previous = factors.put(factor.name(), factor);
        if (previous != null && previous != factor) {
            LOG.warn("Factor {} registered twice: the newer one replaces the older", factor.name());
        }
    }

    /** Removes a factor plugin (any thread); its values are hidden at once and purged by {@link #purge}. */
    public boolean unregister(Factor factor) {
        owners.remove(factor.name(), factor);
        return factors.remove(factor.name(), factor);
    }

    /** Computes a newly registered factor over every series' current window (writer thread). */
    public void computeLatest(Factor factor) {
        if (factors.get(factor.name()) != factor) {
            return; // unregistered again before the writer got to it
        }
        windows.forEach((series, bars) -> compute(factor, series, List.copyOf(bars)));
    }

    /** Forgets the values of an unregistered factor plugin (writer thread). */
    public void purge(Factor factor) {
        purgeValues(factor);
        failing.remove(factor);
    }

    // ---- factor libraries ----

    /**
     * Adds a compiled library (any thread): its factors are listed at once, with the definitions it refused;
     * {@link #startLibrary} then gives it a stream on every series. A name already published by another plugin
     * or library stays theirs and is reported.
     *
     * @param source what registered it (the service object), to remove it by
     */
    public synchronized void addLibrary(Object source, CompiledLibrary library) {
        libraries.add(register(source, library, null));
    }

    /**
     * Puts {@code library} in the place of the one {@code source} registered (any thread), in one step: the factor
     * list shows the old library or the new one, never neither, and a name both publish never looks unowned. The
     * writer then {@link #purgeLibrary purges} the old one (returned, or null if there was none: then this is an
     * add) and {@link #startLibrary starts} the new one.
     */
    public synchronized CompiledLibrary replaceLibrary(Object source, CompiledLibrary library) {
        for (int i = 0; i < libraries.size(); i++) {
            Registered old = libraries.get(i);
            if (old.source == source) {
                libraries.set(i, register(source, library, old.library));
                owners.values().removeIf(owner -> owner == old.library); // names the new one does not publish
                return old.library;
            }
        }
        libraries.add(register(source, library, null));
        return null;
    }

    /** Takes the names of {@code library} (from {@code replacing} where it had them) and reports what it cannot. */
    private Registered register(Object source, CompiledLibrary library, CompiledLibrary replacing) {
        boolean[] owned = new boolean[library.published().size()];
        List<FactorProblem> problems = new ArrayList<>(library.problems());
        for (int f = 0; f < owned.length; f++) {
            String name = library.published().get(f);
            owned[f] = replacing != null && owners.replace(name, replacing, library)
                    || owners.putIfAbsent(name, library) == null;
            if (!owned[f]) {
                problems.add(library.nameTaken(f, String.valueOf(owners.get(name))));
            }
        }
        for (FactorProblem problem : problems) {
            LOG.warn("Factor library {}: definition refused: {}", library.name(), problem.problem());
        }
        LOG.info("Factor library {}: {} of {} factors published ({} nodes per bar){}", library.name(),
                count(owned), owned.length + library.problems().size(), library.program().nodeCount(),
                problems.isEmpty() ? "" : ", " + problems.size() + " refused (see nautilus:factors)");
        return new Registered(source, library, owned, List.copyOf(problems));
    }

    /** Who publishes a factor name now (a plugin or a library), if anyone. */
    public Optional<String> ownerOf(String factor) {
        return Optional.ofNullable(owners.get(factor)).map(String::valueOf);
    }

    /** Removes the library {@code source} registered (any thread); returns it for {@link #purgeLibrary}, or null. */
    public synchronized CompiledLibrary removeLibrary(Object source) {
        for (Registered registered : libraries) {
            if (registered.source == source) {
                libraries.remove(registered);
                owners.values().removeIf(owner -> owner == registered.library);
                return registered.library;
            }
        }
        return null;
    }

    /** Creates the library's stream on every series the engine knows, warmed up from their history (writer). */
    public void startLibrary(CompiledLibrary library) {
        Registered registered = registered(library);
        if (registered == null) {
            return; // removed again before the writer got to it
        }
        // A library this engine ran before is redeployed next to its own bars: computed from them, it has its whole
        // value history again; a cached state is for an engine that never ran it (a restarted node, a new owner).
        boolean resumable = librariesStarted.add(library.name());
        for (SeriesKey series : List.copyOf(windows.keySet())) {
            stream(registered, series, null, resumable);
        }
        if (library.panel() != null) {
            startPanels(registered);
        }
    }

    /** Forgets a removed library's streams and values (writer thread). */
    public void purgeLibrary(CompiledLibrary library) {
        streams.remove(library);
        panels.remove(library);
        purgeValues(library);
    }

    // ---- bars ----

    /**
     * Loads a series' recent bars (writer thread), if the engine has not seen it yet, and computes the factors over
     * them: the plugins' latest value, the libraries' values over the warm-up.
     */
    public void backfill(InstrumentId instrument, BarSpec spec) {
        SeriesKey series = new SeriesKey(instrument, spec);
        if (!windows.containsKey(series)) {
            window(series, null);
            List<Bar> bars = List.copyOf(windows.get(series));
            factors.values().forEach(factor -> compute(factor, series, bars));
        }
    }

    /** A closed time bar of its own interval (tests and callers without a spec). */
    public void onBar(Bar bar) {
        onBar(BarSpec.time(bar.interval()), bar);
    }

    /**
     * A bar of a series closed (writer thread): appends it to the series' window and computes every factor. A bar
     * that does not end after the last one of its series (a repeat, or out of order) is ignored.
     */
    public void onBar(BarSpec spec, Bar bar) {
        SeriesKey series = new SeriesKey(bar.instrumentId(), spec);
        ArrayDeque<Bar> bars = window(series, bar);
        Bar last = bars.peekLast();
        if (last != null && !bar.end().isAfter(last.end())) {
            staleBars.incrementAndGet();
            return;
        }
        bars.addLast(bar);
        int capacity = FactorWindows.capacity(factors.values(), window);
        while (bars.size() > capacity) {
            bars.removeFirst();
        }
        List<Bar> snapshot = List.copyOf(bars);
        for (Factor factor : factors.values()) {
            compute(factor, series, snapshot);
        }
        for (Registered registered : libraries) {
            LibraryStream stream = stream(registered, series, bar, true);
            if (stream.update(bar)) {
                publish(registered, series, stream, bar.end());
                FeatureCacheLink link = cache;
                if (link != null) {
                    link.offer(registered.library, series, stream, bar);
                }
            }
            if (registered.library.panel() != null) {
                panel(registered, spec).onBar(bar);
            }
        }
    }

    /**
     * The groups of the instruments for {@code GroupDemean} (a sector, say), from configuration (any thread); the
     * writer applies them with {@link #regroup}.
     */
    public void groups(Map<InstrumentId, String> groups) {
        this.groups = Map.copyOf(groups);
    }

    /** Computes the cross-sectional factors again with the current groups, from the bar history (writer). */
    public void regroup() {
        panels.clear();
        for (Registered registered : libraries) {
            if (registered.library.panel() != null) {
                startPanels(registered);
            }
        }
    }

    /** The library's cross-sectional state on a bar spec, created empty (its universe grows with the bars). */
    private LivePanel panel(Registered registered, BarSpec spec) {
        return panels.computeIfAbsent(registered.library, l -> new HashMap<>()).computeIfAbsent(spec,
                s -> new LivePanel(registered.library, s, instrument -> history(new SeriesKey(instrument, s), warmup,
                        null), instrument -> groups.get(instrument), new LivePanel.Publisher() {
                            @Override
                            public void publish(InstrumentId instrument, Instant asOf, PanelStream stream, int index) {
                                publishPanel(registered, new SeriesKey(instrument, s), stream, index, asOf);
                            }

                            @Override
                            public void restart() {
                                purgePanelValues(registered.library, s);
                            }
                        }, pointInTime, () -> cache));
    }

    /** Every known series' instrument joins its spec's panel, computed once from the bar history. */
    private void startPanels(Registered registered) {
        Map<BarSpec, List<InstrumentId>> bySpec = new HashMap<>();
        for (SeriesKey series : windows.keySet()) {
            bySpec.computeIfAbsent(series.spec(), s -> new ArrayList<>()).add(series.instrument());
        }
        bySpec.forEach((spec, instruments) -> panel(registered, spec).join(instruments));
    }

    /** Forgets a library's cross-sectional values on one bar spec (its panel is computed again). */
    private void purgePanelValues(CompiledLibrary library, BarSpec spec) {
        List<String> names = library.published().subList(library.program().size(), library.published().size());
        values.forEach((key, bySpec) -> {
            if (names.contains(key.factor)) {
                bySpec.computeIfPresent(spec, (s, series) -> series.producer == library ? null : series);
            }
        });
    }

    /** The library's cross-sectional values of one instrument after a closed time: the finite ones it owns. */
    private void publishPanel(Registered registered, SeriesKey series, PanelStream stream, int instrument,
            Instant asOf) {
        CompiledLibrary library = registered.library;
        int first = library.program().size();
        int[] factors = library.panelFactors();
        for (int j = 0; j < factors.length; j++) {
            double value = stream.value(instrument, factors[j]);
            if (registered.owned[first + j] && Double.isFinite(value)) {
                add(library, library.published().get(first + j), series, value, asOf);
            }
        }
    }

    /** The series' window, created from the bar history (bars before {@code first}) if it is new. */
    private ArrayDeque<Bar> window(SeriesKey series, Bar first) {
        ArrayDeque<Bar> bars = windows.get(series);
        if (bars == null) {
            bars = new ArrayDeque<>(history(series, FactorWindows.capacity(factors.values(), window), first));
            windows.put(series, bars);
            for (Registered registered : libraries) {
                stream(registered, series, first, true);
            }
        }
        return bars;
    }

    /**
     * The library's stream on a series; a new one is fed the series' history first (bars before {@code first}),
     * so a library deployed after the bars has values at once, equal to a batch over those same bars; or, if
     * {@code resumable}, resumed from the feature cache when it holds a state this history confirms.
     */
    private LibraryStream stream(Registered registered, SeriesKey series, Bar first, boolean resumable) {
        Map<SeriesKey, LibraryStream> byseries = streams.computeIfAbsent(registered.library, l -> new HashMap<>());
        LibraryStream stream = byseries.get(series);
        if (stream == null) {
            List<Bar> history = history(series, warmup, first);
            FeatureCacheLink link = cache;
            FeatureCacheLink.Resumed resumed = link == null || !resumable || history.isEmpty() ? null
                    : link.resume(registered.library, series, history);
            int from = 0;
            if (resumed != null && resumed.stream() != null) {
                stream = resumed.stream();
                from = resumed.next();
                publish(registered, series, stream, stream.lastEnd());
            } else {
                stream = new LibraryStream(registered.library.program().newStream());
            }
            List<Expression> dataFields = registered.library.program().dataFields();
            if (!dataFields.isEmpty()) {
                stream.data(pointInTime.feed(series.instrument(), dataFields));
            }
            byseries.put(series, stream);
            int publishFrom = history.size() - historySize; // older values would be trimmed at once
            for (int i = from; i < history.size(); i++) {
                Bar bar = history.get(i);
                if (stream.update(bar) && i >= publishFrom) {
                    publish(registered, series, stream, bar.end());
                }
            }
            if (link != null && !history.isEmpty() && stream.sinceSnapshot() > 0) {
                Bar last = history.get(history.size() - 1);
                link.offerState(registered.library, series, stream, last); // what a restart resumes from
                link.offer(registered.library, series, stream, last);
            }
        }
        return stream;
    }

    /** The series' bars from the gateway, oldest first and in order, those before {@code first} if given. */
    private List<Bar> history(SeriesKey series, int limit, Bar first) {
        List<Bar> history;
        try {
            history = barHistory.bars(series.instrument(), series.spec(), limit);
        } catch (RuntimeException e) {
            LOG.warn("No bar history for {} {}: {}", series.instrument(), series.spec(), e.toString());
            return List.of();
        }
        List<Bar> bars = new ArrayList<>(history.size());
        for (Bar bar : history) {
            boolean inOrder = bars.isEmpty() || bar.end().isAfter(bars.get(bars.size() - 1).end());
            if (inOrder && bar.instrumentId().equals(series.instrument())
                    && (first == null || bar.end().isBefore(first.end()))) {
                bars.add(bar);
            }
        }
        return bars;
    }

    private void compute(Factor factor, SeriesKey series, List<Bar> bars) {
        if (bars.isEmpty()) {
            return;
        }
        OptionalDouble value = FactorWindows.evaluate(factor, FactorWindows.barsFor(factor, bars, bars.size(), window),
                this::failed);
        if (value.isPresent()) {
            add(factor, factor.name(), series, value.getAsDouble(), bars.get(bars.size() - 1).end());
        }
    }

    /** The library's values after the stream's last bar: the finite ones of the factors it owns. */
    private void publish(Registered registered, SeriesKey series, LibraryStream stream, Instant asOf) {
        List<String> names = registered.library.program().names();
        for (int f = 0; f < names.size(); f++) {
            double value = stream.value(f);
            if (registered.owned[f] && Double.isFinite(value)) {
                add(registered.library, names.get(f), series, value, asOf);
            }
        }
    }

    private void add(Object producer, String factor, SeriesKey series, double value, Instant asOf) {
        Map<BarSpec, Series> bySpec = values.computeIfAbsent(new Key(factor, series.instrument()),
                k -> new ConcurrentHashMap<>());
        Series s = bySpec.get(series.spec());
        if (s == null || s.producer != producer) {
            s = new Series(producer);
            bySpec.put(series.spec(), s);
        }
        s.add(new FactorValue(factor, series.instrument(), value, asOf, series.spec()), historySize);
    }

    private void purgeValues(Object producer) {
        values.values().forEach(bySpec -> bySpec.values().removeIf(series -> series.producer == producer));
        values.values().removeIf(Map::isEmpty);
    }

    private void failed(Factor factor, RuntimeException e) {
        if (failing.add(factor)) {
            LOG.warn("Factor {} failed; it gets no value while it fails (logged once)", factor.name(), e);
        } else {
            LOG.debug("Factor {} failed again: {}", factor.name(), e.toString());
        }
    }

    private Registered registered(CompiledLibrary library) {
        for (Registered registered : libraries) {
            if (registered.library == library) {
                return registered;
            }
        }
        return null;
    }

    private static int count(boolean[] flags) {
        int n = 0;
        for (boolean flag : flags) {
            n += flag ? 1 : 0;
        }
        return n;
    }

    // ---- queries: any thread ----

    /** The plugins' factors and the libraries' published ones, by library (plugins first), then name. */
    public List<FactorInfo> factors() {
        List<FactorInfo> infos = new ArrayList<>();
        for (Factor factor : factors.values()) {
            infos.add(new FactorInfo(factor.name(), factor.description(), factor.lookback()));
        }
        for (Registered registered : libraries) {
            List<FactorInfo> libraryInfos = registered.library.infos();
            for (int f = 0; f < libraryInfos.size(); f++) {
                if (registered.owned[f]) {
                    infos.add(libraryInfos.get(f));
                }
            }
        }
        infos.sort(Comparator.comparing(FactorInfo::library).thenComparing(FactorInfo::name));
        return infos;
    }

    /** The libraries' refused definitions. */
    public List<FactorProblem> problems() {
        List<FactorProblem> problems = new ArrayList<>();
        libraries.forEach(registered -> problems.addAll(registered.problems));
        return problems;
    }

    public List<FactorValue> latest() {
        List<FactorValue> latest = new ArrayList<>();
        values.forEach((key, bySpec) -> bySpec.forEach((spec, series) -> {
            FactorValue value = series.latest;
            if (live(key, series) && value != null) {
                latest.add(value);
            }
        }));
        latest.sort(Comparator.comparing(FactorValue::factor).thenComparing(FactorValue::instrument)
                .thenComparing(v -> v.bars().toString()));
        return latest;
    }

    public Optional<FactorValue> latest(String factor, InstrumentId instrument) {
        Series series = newest(new Key(factor, instrument));
        return series == null ? Optional.empty() : Optional.ofNullable(series.latest);
    }

    public List<FactorValue> history(String factor, InstrumentId instrument) {
        Series series = newest(new Key(factor, instrument));
        return series == null ? List.of() : series.history();
    }

    public Optional<FactorValue> latest(String factor, InstrumentId instrument, BarSpec spec) {
        Key key = new Key(factor, instrument);
        Map<BarSpec, Series> bySpec = values.get(key);
        Series series = bySpec == null ? null : bySpec.get(spec);
        return series != null && live(key, series) ? Optional.ofNullable(series.latest) : Optional.empty();
    }

    public List<FactorValue> history(String factor, InstrumentId instrument, BarSpec spec) {
        Key key = new Key(factor, instrument);
        Map<BarSpec, Series> bySpec = values.get(key);
        Series series = bySpec == null ? null : bySpec.get(spec);
        return series != null && live(key, series) ? series.history() : List.of();
    }

    /** Bars ignored because they did not end after their series' last bar. */
    public long staleBars() {
        return staleBars.get();
    }

    /** The series of a factor on an instrument whose value is newest (the shorter bars on a tie). */
    private Series newest(Key key) {
        Map<BarSpec, Series> bySpec = values.get(key);
        if (bySpec == null) {
            return null;
        }
        Series newest = null;
        for (Series series : bySpec.values()) {
            FactorValue value = series.latest;
            if (value == null || !live(key, series)) {
                continue;
            }
            FactorValue best = newest == null ? null : newest.latest;
            if (best == null || value.asOf().isAfter(best.asOf())
                    || value.asOf().equals(best.asOf()) && interval(value) < interval(best)) {
                newest = series;
            }
        }
        return newest;
    }

    private static long interval(FactorValue value) {
        BarSpec spec = value.bars();
        return spec != null && spec.interval() != null ? spec.interval().toNanos() : Duration.ZERO.toNanos();
    }

    private boolean live(Key key, Series series) {
        return owners.get(key.factor) == series.producer;
    }

    private record Key(String factor, InstrumentId instrument) {
    }

    /** A library as registered: what registered it, which of its factors it publishes, what was refused. */
    private record Registered(Object source, CompiledLibrary library, boolean[] owned, List<FactorProblem> problems) {
    }

    /** One factor's values on one series: written by the writer thread, read by any. */
    private static final class Series {
        final Object producer;
        private final ArrayDeque<FactorValue> history = new ArrayDeque<>();
        volatile FactorValue latest;

        Series(Object producer) {
            this.producer = producer;
        }

        synchronized void add(FactorValue value, int limit) {
            history.addLast(value);
            while (history.size() > limit) {
                history.removeFirst();
            }
            latest = value;
        }

        synchronized List<FactorValue> history() {
            return List.copyOf(history);
        }
    }
}
