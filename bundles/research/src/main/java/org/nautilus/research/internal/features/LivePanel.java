package org.nautilus.research.internal.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.cache.PanelState;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.PanelStream;

/**
 * A library's cross-sectional factors on one bar spec, live: the universe is every instrument that has had a bar of
 * that spec, in name order; bars are held by their end time until the time is closed, then the time is computed over the
 * instruments with a bar at it ({@link PanelStream}).
 *
 * <p>The rule: a time is closed when every instrument of the universe has a bar ending at it or later (each series'
 * bars arrive in order, so none can still come for it), or when some instrument is already two intervals past it
 * (an instrument that has stopped does not hold the others back for long). An instrument without a bar at a
 * closed time is left out of its cross-sections and gets no value for it; a bar that comes for a time already
 * closed is not taken. A new instrument rebuilds the panel from every instrument's bar history (the values are
 * those of a batch over those bars). Point-in-time data fields ({@code $eps}, {@code $sentiment}) come from one
 * feed per instrument, read at each closed time.
 *
 * <p>With a feature cache, the panel's state (universe, last closed time, every instrument's kernel states) is
 * offered every {@code stateEvery} closed times; a rebuild resumes from the cached state instead of recomputing the
 * history when it is of the same cross-sectional program over the same universe and grouping and the bar history
 * reaches back to it with the very bars it took, feeding only the bars after its last closed time; otherwise it
 * recomputes (the log says why).
 * One writer thread.
 */
final class LivePanel {

    /** Where the values go. */
    interface Publisher {
        /** One instrument's values after a closed time. */
        void publish(InstrumentId instrument, Instant asOf, PanelStream stream, int instrumentIndex);

        /** Every value published so far is about to be computed again (the universe grew): forget them. */
        void restart();
    }

    private final CompiledLibrary library;
    private final BarSpec spec;
    private final Function<InstrumentId, List<Bar>> history;
    private final Function<InstrumentId, String> groupOf;
    private final Publisher publisher;
    private final PointInTimeSources pointInTime;
    /** The feature cache link now (null: none). */
    private final Supplier<FeatureCacheLink> cache;
    private final List<InstrumentId> universe = new ArrayList<>();
    private final Map<InstrumentId, Integer> index = new HashMap<>();
    private final TreeMap<Instant, Map<Integer, Bar>> pending = new TreeMap<>();
    private Instant[] lastEnd = new Instant[0];
    private Instant closedUpTo;
    /** Each instrument's last bar the panel has taken (null: none yet). */
    private Bar[] taken = new Bar[0];
    private PanelStream stream;
    /** Each instrument's point-in-time data fields ({@code $eps}, ...); null if the program reads none. */
    private PointInTimeSources.Feed[] feeds;
    /** Times closed since the panel state was last offered to the cache. */
    private int sinceSnapshot;

    /**
     * @param history each instrument's bars of this spec the gateway has, oldest first
     * @param groupOf each instrument's group for {@code GroupDemean}, or null for none
     * @param pointInTime where the data fields come from
     * @param cache       the feature cache link at the time of asking, or null for none
     */
    LivePanel(CompiledLibrary library, BarSpec spec, Function<InstrumentId, List<Bar>> history,
            Function<InstrumentId, String> groupOf, Publisher publisher, PointInTimeSources pointInTime,
            Supplier<FeatureCacheLink> cache) {
        this.library = library;
        this.spec = spec;
        this.history = history;
        this.groupOf = groupOf;
        this.publisher = publisher;
        this.pointInTime = pointInTime;
        this.cache = cache;
    }

    /** Takes a bar; publishes every time it closes. */
    void onBar(Bar bar) {
        Integer i = index.get(bar.instrumentId());
        if (i == null) {
            join(List.of(bar.instrumentId()));
            i = index.get(bar.instrumentId());
        }
        Instant last = lastEnd[i];
        if ((last == null || bar.end().isAfter(last)) && (closedUpTo == null || bar.end().isAfter(closedUpTo))) {
            pending.computeIfAbsent(bar.end(), t -> new HashMap<>()).put(i, bar);
            lastEnd[i] = bar.end();
        }
        close();
    }

    /**
     * Adds the instruments not in the universe yet; if there are any, the panel is computed again from every
     * instrument's bar history (what was published is published again).
     */
    void join(List<InstrumentId> instruments) {
        boolean grew = false;
        for (InstrumentId instrument : instruments) {
            if (!index.containsKey(instrument)) {
                index.put(instrument, -1);
                universe.add(instrument);
                grew = true;
            }
        }
        if (grew) {
            // Name order, whatever the order of arrival: the statistics are summed in this order, so the values
            // are a batch's over the same bars, bit for bit.
            universe.sort(Comparator.comparing(InstrumentId::value));
            for (int k = 0; k < universe.size(); k++) {
                index.put(universe.get(k), k);
            }
            rebuild();
        }
    }

    private void rebuild() {
        publisher.restart();
        int n = universe.size();
        Map<String, Integer> groupIds = new HashMap<>();
        int[] groups = new int[n];
        for (int k = 0; k < n; k++) {
            String group = groupOf.apply(universe.get(k));
            groups[k] = group == null ? -1 : groupIds.computeIfAbsent(group, g -> groupIds.size());
        }
        List<Expression> dataFields = library.panel().dataFields();
        feeds = dataFields.isEmpty() ? null : new PointInTimeSources.Feed[n];
        for (int k = 0; feeds != null && k < n; k++) {
            feeds[k] = pointInTime.feed(universe.get(k), dataFields);
        }
        pending.clear();
        lastEnd = new Instant[n];
        taken = new Bar[n];
        List<List<Bar>> histories = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            histories.add(history.apply(universe.get(k)));
        }
        Resumed resumed = resume(groups, histories);
        stream = resumed == null ? new PanelStream(library.panel(), groups) : resumed.stream();
        closedUpTo = resumed == null ? null : resumed.lastClosed();
        sinceSnapshot = 0;
        for (int k = 0; k < n; k++) {
            for (Bar bar : histories.get(k)) {
                if (lastEnd[k] == null || bar.end().isAfter(lastEnd[k])) {
                    if (closedUpTo == null || bar.end().isAfter(closedUpTo)) {
                        pending.computeIfAbsent(bar.end(), t -> new HashMap<>()).put(k, bar);
                    } else {
                        taken[k] = bar; // the resumed state took it (its digest says so)
                    }
                    if (closedUpTo != null && bar.end().equals(closedUpTo)) {
                        // the resumed panel's last values: published as a resumed stream publishes its own
                        publisher.publish(universe.get(k), closedUpTo, stream, k);
                    }
                    lastEnd[k] = bar.end();
                }
            }
        }
        close();
    }

    /** A panel restored from the cache, continuing after {@code lastClosed}. */
    private record Resumed(PanelStream stream, Instant lastClosed) {
    }

    /**
     * The panel restored from the cached state, or null: the state must be of this program over this universe (the
     * cache link checks), restore into these groups, every instrument it has bars of must have a bar history that
     * reaches back to its last closed time (else bars between would be missing), and each instrument's last bar up to
     * that time must be the one the state took (its digest).
     */
    private Resumed resume(int[] groups, List<List<Bar>> histories) {
        FeatureCacheLink link = cache == null ? null : cache.get();
        PanelState state = link == null ? null : link.resumablePanel(library, spec, universe);
        if (state == null) {
            return null;
        }
        PanelStream restored;
        try {
            restored = PanelStream.restore(library.panel(), groups, state.state());
        } catch (IllegalArgumentException e) {
            link.panelRefused(library, spec, "the cached panel state cannot be restored: " + e.getMessage());
            return null;
        }
        List<Bar> lastTaken = new ArrayList<>(universe.size());
        for (int k = 0; k < universe.size(); k++) {
            List<Bar> bars = histories.get(k);
            if (restored.bars(k) > 0 && (bars.isEmpty() || bars.get(0).end().isAfter(state.lastClosed()))) {
                link.panelRefused(library, spec, "the bar history of " + universe.get(k)
                        + " does not reach back to the cached panel state's last closed time " + state.lastClosed());
                return null;
            }
            Bar last = null;
            for (Bar bar : bars) {
                if (!bar.end().isAfter(state.lastClosed()) && (last == null || bar.end().isAfter(last.end()))) {
                    last = bar;
                }
            }
            lastTaken.add(last);
        }
        if (FeatureCacheLink.digest(lastTaken) != state.barDigest()) {
            link.panelRefused(library, spec, "the bar history's last bars up to " + state.lastClosed()
                    + " are not the ones the panel state took (prices, volume or times differ)");
            return null;
        }
        link.panelResumed(library, spec, state);
        return new Resumed(restored, state.lastClosed());
    }

    /** Offers the panel's state to the cache if it closed a time since the last offer (at a stop, say). */
    boolean offerState() {
        FeatureCacheLink link = cache == null ? null : cache.get();
        if (link != null && sinceSnapshot > 0 && closedUpTo != null) {
            link.offerPanel(library, spec, universe, closedUpTo, FeatureCacheLink.digest(Arrays.asList(taken)), stream);
            sinceSnapshot = 0;
            return true;
        }
        return false;
    }

    private void close() {
        int n = universe.size();
        while (!pending.isEmpty()) {
            Instant time = pending.firstKey();
            if (!closed(time)) {
                break;
            }
            Map<Integer, Bar> bars = pending.pollFirstEntry().getValue();
            boolean[] present = new boolean[n];
            double[][] fields = new double[n][];
            double[][] data = feeds == null ? null : new double[n][];
            for (Map.Entry<Integer, Bar> entry : bars.entrySet()) {
                present[entry.getKey()] = true;
                taken[entry.getKey()] = entry.getValue();
                fields[entry.getKey()] = BarColumns.fields(entry.getValue());
                if (data != null) {
                    data[entry.getKey()] = feeds[entry.getKey()].next(time);
                }
            }
            stream.update(present, fields, data);
            closedUpTo = time;
            sinceSnapshot++;
            for (int k = 0; k < n; k++) {
                if (present[k]) {
                    publisher.publish(universe.get(k), time, stream, k);
                }
            }
        }
        FeatureCacheLink link = cache == null ? null : cache.get();
        if (link != null && sinceSnapshot >= link.stateEvery()) {
            offerState();
        }
    }

    private boolean closed(Instant time) {
        Duration interval = spec.interval();
        boolean all = true;
        for (Instant last : lastEnd) {
            if (last == null || last.isBefore(time)) {
                all = false;
            } else if (interval != null && !last.isBefore(time.plus(interval.multipliedBy(2)))) {
                return true;
            }
        }
        return all;
    }

    CompiledLibrary library() {
        return library;
    }
}
