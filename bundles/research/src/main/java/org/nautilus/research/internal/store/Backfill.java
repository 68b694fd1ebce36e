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

/**
 * Computes factor libraries over instruments' bars and writes bars and values into a store: per instrument, one
 * {@link FactorBatch} per library over the whole series (the kernels the live engine streams through, so the
 * values are the live ones bit for bit), then the rows inside the range replace the store's. Plain Java; one
 * instrument at a time.
 */
public final class Backfill {

    /** An instrument's bars, however they are obtained. */
    @FunctionalInterface
    public interface Bars {
        List<Bar> read() throws BarFileException;
    }

    /** One instrument to backfill: its bars and their series. */
    public record Job(InstrumentId instrument, BarSpec spec, Bars bars) {
    }

    private final FactorStore store;

    public Backfill(FactorStore store) {
        this.store = store;
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
                bars += store.replaceBars(job.instrument(), job.spec(), range, written);
                List<Instant> times = written.stream().map(Bar::end).toList();
                for (FactorBatch batch : batches) {
                    FactorColumns computed = batch.evaluate(columns);
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
            jobs.add(new Job(source.instrument(), source.spec(), source::read));
        }
        return jobs;
    }
}
