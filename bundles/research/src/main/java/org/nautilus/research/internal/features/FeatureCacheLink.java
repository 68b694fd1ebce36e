package org.nautilus.research.internal.features;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.api.research.cache.FeatureVector;
import org.nautilus.api.research.cache.PanelState;
import org.nautilus.api.research.cache.StreamState;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.expression.FactorStream;
import org.nautilus.research.internal.expression.PanelStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature engine's side of the {@link FeatureCache}: after each bar a library's stream takes, its values are
 * offered as the series' latest vector, and every {@code stateEvery} bars its state; a stream the engine starts is
 * resumed from the cached state when that state is consistent with the series' bar history, else computed from the
 * history (and the log says why). Writer thread.
 */
final class FeatureCacheLink {

    /** What a resume found: the stream and where in the history it continues (null stream: compute it all). */
    record Resumed(LibraryStream stream, int next) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(FeatureCacheLink.class);

    private final FeatureCache cache;
    private final int stateEvery;
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong recomputed = new AtomicLong();
    private final AtomicLong panelsResumed = new AtomicLong();
    private final AtomicLong panelsRecomputed = new AtomicLong();

    /** @param stateEvery bars between two state snapshots of a stream (a resume replays fewer than that) */
    FeatureCacheLink(FeatureCache cache, int stateEvery) {
        if (stateEvery < 1) {
            throw new IllegalArgumentException("cache.state.every must be at least 1, got " + stateEvery);
        }
        this.cache = cache;
        this.stateEvery = stateEvery;
    }

    FeatureCache cache() {
        return cache;
    }

    /** After the stream took {@code bar}: its vector, and its state when one is due. */
    void offer(CompiledLibrary library, SeriesKey series, LibraryStream stream, Bar bar) {
        FactorProgram program = library.program();
        double[] values = new double[program.size()];
        stream.stream().values(values);
        cache.offer(new FeatureVector(series.instrument(), series.spec(), library.name(), program.digest(), bar.end(),
                program.names(), values));
        if (stream.sinceSnapshot() >= stateEvery) {
            offerState(library, series, stream, bar);
        }
    }

    void offerState(CompiledLibrary library, SeriesKey series, LibraryStream stream, Bar bar) {
        cache.offer(new StreamState(series.instrument(), series.spec(), library.name(), library.program().digest(),
                bar.end(), digest(bar), stream.bars(), stream.stream().snapshot()));
        stream.snapshotTaken();
    }

    /**
     * The library's stream on the series from the cached state, if it has one of this program taken after a bar
     * the history has, the very same bar; the bars after it are the caller's to feed (from {@code next}).
     */
    Resumed resume(CompiledLibrary library, SeriesKey series, List<Bar> history) {
        String why;
        StreamState state;
        try {
            state = cache.state(series.instrument(), series.spec(), library.name()).orElse(null);
        } catch (RuntimeException e) {
            state = null;
            LOG.warn("Feature cache unreadable for {} {} {}: {}", library.name(), series.instrument(), series.spec(),
                    e.toString());
        }
        if (state == null) {
            recomputed.incrementAndGet();
            LOG.debug("{} {} {}: no cached state; computed from the bar history", library.name(),
                    series.instrument(), series.spec());
            return new Resumed(null, 0);
        }
        int at = indexOf(history, state.lastBar());
        if (!state.program().equals(library.program().digest())) {
            why = "the cached state belongs to other definitions of the library";
        } else if (at < 0) {
            why = "the bar history has no bar ending at " + state.lastBar() + " (the state's last bar)";
        } else if (digest(history.get(at)) != state.barDigest()) {
            why = "the bar history's bar at " + state.lastBar() + " is not the one the state took (prices or volume"
                    + " differ)";
        } else {
            try {
                FactorStream stream = library.program().restore(state.state());
                resumed.incrementAndGet();
                replayed.addAndGet(history.size() - at - 1);
                LOG.debug("{} {} {}: resumed from the cached state after {} ({} bars), {} newer bars replayed",
                        library.name(), series.instrument(), series.spec(), state.lastBar(), state.barCount(),
                        history.size() - at - 1);
                return new Resumed(new LibraryStream(stream, state.lastBar()), at + 1);
            } catch (IllegalArgumentException e) {
                why = "the cached state cannot be restored: " + e.getMessage();
            }
        }
        recomputed.incrementAndGet();
        LOG.info("{} {} {}: computing from the bar history instead of resuming: {}", library.name(),
                series.instrument(), series.spec(), why);
        return new Resumed(null, 0);
    }

    /** Bars (closed times) between two state snapshots of a stream or a panel. */
    int stateEvery() {
        return stateEvery;
    }

    /** A library's cross-sectional state on a bar series after the closed time {@code lastClosed}. */
    void offerPanel(CompiledLibrary library, BarSpec spec, List<InstrumentId> universe, Instant lastClosed,
            long barDigest, PanelStream panel) {
        cache.offer(new PanelState(spec, library.name(), library.panel().digest(), universe, lastClosed, barDigest,
                panel.snapshot()));
    }

    /**
     * The library's panel on the series from the cached panel state, if it has one of this cross-sectional program
     * over this very universe and grouping; null (and a log line saying why) if not, for the caller to compute the
     * panel from the bar history.
     */
    PanelState resumablePanel(CompiledLibrary library, BarSpec spec, List<InstrumentId> universe) {
        PanelState state;
        try {
            state = cache.panel(spec, library.name()).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("Feature cache unreadable for the panel of {} {}: {}", library.name(), spec, e.toString());
            return null;
        }
        String why;
        if (state == null) {
            LOG.debug("{} {}: no cached panel state; computed from the bar history", library.name(), spec);
            return null;
        } else if (!state.program().equals(library.panel().digest())) {
            why = "the cached panel state belongs to other definitions of the library";
        } else if (!state.universe().equals(universe)) {
            why = "the cached panel state is over " + state.universe().size() + " instruments " + abbreviated(state
                    .universe()) + ", the live universe is " + universe.size() + " " + abbreviated(universe);
        } else {
            return state;
        }
        panelRefused(library, spec, why);
        return null;
    }

    /** The panel of the library on the series was resumed from {@code state}. */
    void panelResumed(CompiledLibrary library, BarSpec spec, PanelState state) {
        panelsResumed.incrementAndGet();
        LOG.info("{} {}: panel of {} instruments resumed from the cached state after {}", library.name(), spec,
                state.universe().size(), state.lastClosed());
    }

    /** The cached panel state cannot be used: the panel is computed from the bar history. */
    void panelRefused(CompiledLibrary library, BarSpec spec, String why) {
        panelsRecomputed.incrementAndGet();
        LOG.info("{} {}: computing the panel from the bar history instead of resuming: {}", library.name(), spec, why);
    }

    /** Panels resumed from the cache, panels whose cached state was refused (computed from history). */
    long[] panelCounts() {
        return new long[] {panelsResumed.get(), panelsRecomputed.get()};
    }

    private static String abbreviated(List<InstrumentId> universe) {
        return universe.size() <= 5 ? universe.toString() : universe.subList(0, 5) + "...";
    }

    /** Streams resumed from the cache, bars replayed after their state, streams computed from history. */
    long[] counts() {
        return new long[] {resumed.get(), replayed.get(), recomputed.get()};
    }

    private static int indexOf(List<Bar> history, Instant end) {
        int i = Collections.binarySearch(history, null, (a, b) -> a.end().compareTo(end));
        return i >= 0 ? i : -1;
    }

    /** The bar's end, prices and volume as the engine reads them, hashed (FNV-1a over the raw bits). */
    static long digest(Bar bar) {
        long h = 0xcbf29ce484222325L;
        for (double field : BarColumns.fields(bar)) {
            h = mix(h, Double.doubleToRawLongBits(field));
        }
        h = mix(h, bar.end().getEpochSecond());
        return mix(h, bar.end().getNano());
    }

    /** Several instruments' bars hashed in order, each as {@link #digest(Bar)}; a null (no bar) counts too. */
    static long digest(List<Bar> bars) {
        long h = 0xcbf29ce484222325L;
        for (Bar bar : bars) {
            h = mix(h, bar == null ? 0 : digest(bar));
        }
        return h;
    }

    private static long mix(long h, long value) {
        for (int i = 0; i < 8; i++) {
            h ^= (value >>> (8 * i)) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
