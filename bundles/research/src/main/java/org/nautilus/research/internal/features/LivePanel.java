package org.nautilus.research.internal.features;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
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
 * feed per instrument, read at each closed time. One writer thread.
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
    private final List<InstrumentId> universe = new ArrayList<>();
    private final Map<InstrumentId, Integer> index = new HashMap<>();
    private final TreeMap<Instant, Map<Integer, Bar>> pending = new TreeMap<>();
    private Instant[] lastEnd = new Instant[0];
    private Instant closedUpTo;
    private PanelStream stream;
    /** Each instrument's point-in-time data fields ({@code $eps}, ...); null if the program reads none. */
    private PointInTimeSources.Feed[] feeds;

    /**
     * @param history each instrument's bars of this spec the gateway has, oldest first
     * @param groupOf each instrument's group for {@code GroupDemean}, or null for none
     * @param pointInTime where the data fields come from
     */
    LivePanel(CompiledLibrary library, BarSpec spec, Function<InstrumentId, List<Bar>> history,
            Function<InstrumentId, String> groupOf, Publisher publisher, PointInTimeSources pointInTime) {
        this.library = library;
        this.spec = spec;
        this.history = history;
        this.groupOf = groupOf;
        this.publisher = publisher;
        this.pointInTime = pointInTime;
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
        stream = new PanelStream(library.panel(), groups);
        List<Expression> dataFields = library.panel().dataFields();
        feeds = dataFields.isEmpty() ? null : new PointInTimeSources.Feed[n];
        for (int k = 0; feeds != null && k < n; k++) {
            feeds[k] = pointInTime.feed(universe.get(k), dataFields);
        }
        pending.clear();
        lastEnd = new Instant[n];
        closedUpTo = null;
        for (int k = 0; k < n; k++) {
            for (Bar bar : history.apply(universe.get(k))) {
                if (lastEnd[k] == null || bar.end().isAfter(lastEnd[k])) {
                    pending.computeIfAbsent(bar.end(), t -> new HashMap<>()).put(k, bar);
                    lastEnd[k] = bar.end();
                }
            }
        }
        close();
    }

    private void close() {
        int n = universe.size();
        while (!pending.isEmpty()) {
            Instant time = pending.firstKey();
            if (!closed(time)) {
                return;
            }
            Map<Integer, Bar> bars = pending.pollFirstEntry().getValue();
            boolean[] present = new boolean[n];
            double[][] fields = new double[n][];
            double[][] data = feeds == null ? null : new double[n][];
            for (Map.Entry<Integer, Bar> entry : bars.entrySet()) {
                present[entry.getKey()] = true;
                fields[entry.getKey()] = BarColumns.fields(entry.getValue());
                if (data != null) {
                    data[entry.getKey()] = feeds[entry.getKey()].next(time);
                }
            }
            stream.update(present, fields, data);
            closedUpTo = time;
            for (int k = 0; k < n; k++) {
                if (present[k]) {
                    publisher.publish(universe.get(k), time, stream, k);
                }
            }
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
