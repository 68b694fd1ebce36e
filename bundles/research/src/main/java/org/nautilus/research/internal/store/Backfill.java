package org.nautilus.research.internal.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.expression.Expression;
import org.nautilus.api.research.store.BackfillProgress;
import org.nautilus.api.research.store.BackfillResult;
import org.nautilus.api.research.store.FactorSeries;
import org.nautilus.api.research.store.FactorStore;
import org.nautilus.api.research.store.TimeRange;
import org.nautilus.research.internal.data.BarFileException;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorBatch;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.PointInTimeSources;

/**
 * Computes factor libraries over instruments' bars and writes bars and values into a store: per instrument, one
 * {@link FactorBatch} per library over the whole series (the kernels the live engine streams through, so the
 * values are the live ones bit for bit), with the libraries' point-in-time data fields ({@code $eps},
 * {@code $sentiment}) as known at each bar's end, then the rows inside the range replace the store's. Bars read
 * from files are written into the store too; bars read from the store stay as they are. Plain Java; one
 * instrument at a time.
 */
public final class Backfill {

    /** An instrument's bars, however they are obtained. */
    @FunctionalInterface
    public interface Bars {
        List<Bar> read() throws BarFileException;
    }

    /**
     * One instrument to backfill: its bars and their series.
     *
     * @param stored whether the bars are the store's own (then they are not written again)
     */
    public record Job(InstrumentId instrument, BarSpec spec, Bars bars, boolean stored) {
    }

    private final FactorStore store;
    private final PointInTimeSources pointInTime;

    /** A backfill whose fundamental fields read the store's fundamentals and whose {@code $sentiment} reads NaN. */
    public Backfill(FactorStore store) {
        this(store, new PointInTimeSources(store, null));
    }

    /** @param pointInTime where {@code $eps}, {@code $sentiment}, ... come from */
    public Backfill(FactorStore store, PointInTimeSources pointInTime) {
        this.store = store;
        this.pointInTime = pointInTime;
    }

    public BackfillResult run(List<CompiledLibrary> libraries, List<Job> jobs, TimeRange range,
            Consumer<BackfillProgress> progress) {
        long started = System.nanoTime();
        List<FactorBatch> batches = libraries.stream().map(l -> l.program().newBatch()).toList();
        long bars = 0;
        long values = 0;
        int done = 0;
        Map<InstrumentId, String> failures = new LinkedHashMap<>();
        for (Job job : jobs) {
            String failure = null;
            try {
                List<Bar> series = job.bars().read();
                BarColumns columns = BarColumns.of(series);
                int first = firstInside(series, range);
                int end = endInside(series, range);
                List<Bar> written = series.subList(first, end);
                bars += job.stored() ? written.size() : store.replaceBars(job.instrument(), job.spec(), range, written);
                List<Instant> times = written.stream().map(Bar::end).toList();
                List<Instant> ends = null;
                for (int b = 0; b < batches.size(); b++) {
                    FactorBatch batch = batches.get(b);
                    List<Expression> dataFields = libraries.get(b).program().dataFields();
                    double[][] data = null;
                    if (!dataFields.isEmpty()) { // over the whole series, as a stream from its first bar sees them
                        ends = ends == null ? series.stream().map(Bar::end).toList() : ends;
                        data = pointInTime.columns(job.instrument(), dataFields, ends);
                    }
                    FactorColumns computed = batch.evaluate(columns, data);
                    double[][] inside = new double[computed.names().size()][];
                    for (int f = 0; f < inside.length; f++) {
                        inside[f] = Arrays.copyOfRange(computed.values()[f], first, end);
                    }
                    values += store.replaceValues(new FactorSeries(job.instrument(), job.spec(), times,
                            computed.names(), inside), range);
                }
            } catch (BarFileException | RuntimeException e) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                failures.put(job.instrument(), failure);
            }
            done++;
            progress.accept(new BackfillProgress(job.instrument(), done, jobs.size(), bars, values,
                    Duration.ofNanos(System.nanoTime() - started), failure));
        }
        return new BackfillResult(libraries.stream().map(CompiledLibrary::name).toList(), done - failures.size(), bars,
                values, Duration.ofNanos(System.nanoTime() - started), failures);
    }

    /** The first bar ending at or after the range's start. */
    private static int firstInside(List<Bar> bars, TimeRange range) {
        int i = 0;
        while (i < bars.size() && bars.get(i).end().isBefore(range.from())) {
            i++;
        }
        return i;
    }

    /** One past the last bar ending at or before the range's end. */
    private static int endInside(List<Bar> bars, TimeRange range) {
        int i = bars.size();
        while (i > 0 && bars.get(i - 1).end().isAfter(range.to())) {
            i--;
        }
        return i;
    }

    /** Jobs for bar files. */
    public static List<Job> jobs(List<BarSource> sources) {
        List<Job> jobs = new ArrayList<>();
        for (BarSource source : sources) {
            jobs.add(new Job(source.instrument(), source.spec(), source::read, false));
        }
        return jobs;
    }

    /** A job over a bar series the store holds (what the data connectors loaded), its whole history. */
    public static Job stored(FactorStore store, InstrumentId instrument, BarSpec spec) {
        return new Job(instrument, spec, () -> store.bars(instrument, spec, TimeRange.ALL), true);
    }
}
