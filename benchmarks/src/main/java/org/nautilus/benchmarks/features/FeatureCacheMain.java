package org.nautilus.benchmarks.features;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.research.cache.FeatureCache;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.grid.internal.features.GridFeatureCache;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorStream;
import org.nautilus.research.internal.features.CompiledLibrary;
import org.nautilus.research.internal.features.FeatureEngine;

/**
 * What the feature cache costs the live path: two feature engines computing all 158 Alpha158 factors on the same
 * GENERATED daily bars of N instruments, one writing to the feature cache on a real (in-memory) Ignite node, one
 * not; each bar close (every instrument's bar) is timed on both in the same run, alternating, so the ratio is
 * measured under the same load. Also: the size of one stream's state and the time to snapshot it, and how the
 * cache coalesced the writes.
 *
 * <p>Arguments: instruments (800), warm-up days (300), measured closes (100), state interval in bars (50).
 */
public final class FeatureCacheMain {

    private static final BarSpec DAILY = BarSpec.time(Duration.ofDays(1));

    public static void main(String[] args) throws Exception {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int warm = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int closes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int stateEvery = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int days = warm + closes;
        System.out.printf(Locale.ROOT, "%d cores, %s %s; %d GENERATED instruments x %d days (%d warm-up, %d measured"
                + " closes), Alpha158, state every %d bars%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), instruments, days, warm,
                closes, stateEvery);
        List<List<Bar>> bars = new ArrayList<>();
        for (int i = 0; i < instruments; i++) {
            bars.add(GeneratedBars.bars(InstrumentId.of(String.format(Locale.ROOT, "GEN%04d", i)),
                    GeneratedBars.instrument(i, days)));
        }

        Path work = Files.createTempDirectory("nautilus-featurecache-bench");
        GridSettings settings = GridSettings.localNode("featurecache-bench", work, 49950, 49960).withPersistence(false);
        try (EmbeddedGrid grid = EmbeddedGrid.start(settings, FeatureCacheMain.class.getClassLoader());
                GridFeatureCache cache = new GridFeatureCache(grid)) {
            CompiledLibrary library = CompiledLibrary.compile(new Alpha158Library());
            FeatureEngine plain = engine(library);
            FeatureEngine cached = engine(library);
            cached.cache(cache, stateEvery);
            for (int d = 0; d < warm; d++) {
                close(plain, bars, d);
                close(cached, bars, d);
            }
            cache.flush(Duration.ofSeconds(30));
            FeatureCache.Stats before = cache.stats();
            long[] plainNanos = new long[closes];
            long[] cachedNanos = new long[closes];
            for (int c = 0; c < closes; c++) {
                int d = warm + c;
                // alternate which engine goes first, so neither always meets a warmer cache or a pending GC
                if (c % 2 == 0) {
                    plainNanos[c] = close(plain, bars, d);
                    cachedNanos[c] = close(cached, bars, d);
                } else {
                    cachedNanos[c] = close(cached, bars, d);
                    plainNanos[c] = close(plain, bars, d);
                }
            }
            long t0 = System.nanoTime();
            boolean flushed = cache.flush(Duration.ofSeconds(60));
            long flushNanos = System.nanoTime() - t0;
            FeatureCache.Stats after = cache.stats();
            report("without cache", plainNanos, instruments);
            report("with cache   ", cachedNanos, instruments);
            double overhead = (median(cachedNanos) - median(plainNanos)) / 1e3 / instruments;
            System.out.printf(Locale.ROOT, "cache overhead per bar (median close, per instrument): %.2f µs (%.1f%%)%n",
                    overhead, 100.0 * (median(cachedNanos) - median(plainNanos)) / median(plainNanos));
            System.out.printf(Locale.ROOT, "cache writes over the measured closes: %d offered, %d entries written in"
                    + " %d batches (%.1f entries per batch), %d failures; final flush %.1f ms (%s)%n",
                    after.offered() - before.offered(), after.written() - before.written(),
                    after.batches() - before.batches(),
                    (after.written() - before.written()) / Math.max(1.0, after.batches() - before.batches()),
                    after.failures(), flushNanos / 1e6, flushed ? "all written" : "NOT all written");

            // one stream's state: its size and what a snapshot costs
            FactorStream stream = library.program().newStream();
            BarColumns columns = GeneratedBars.instrument(7, warm);
            for (int r = 0; r < warm; r++) {
                stream.update(columns.open()[r], columns.high()[r], columns.low()[r], columns.close()[r],
                        columns.volume()[r], Double.NaN);
            }
            int size = stream.snapshot().length;
            int reps = 2000;
            long s0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                size = Math.max(size, stream.snapshot().length);
            }
            double snapshotMicros = (System.nanoTime() - s0) / 1e3 / reps;
            long r0 = System.nanoTime();
            byte[] snapshot = stream.snapshot();
            for (int i = 0; i < reps; i++) {
                library.program().restore(snapshot);
            }
            double restoreMicros = (System.nanoTime() - r0) / 1e3 / reps;
            System.out.printf(Locale.ROOT, "Alpha158 stream state: %d bytes (%d nodes); snapshot %.1f µs, restore %.1f"
                    + " µs%n", size, library.program().nodeCount(), snapshotMicros, restoreMicros);
            System.out.printf(Locale.ROOT, "featurecache: %.2f µs per bar%n", overhead);
        }
    }

    private static long close(FeatureEngine engine, List<List<Bar>> bars, int day) {
        long t0 = System.nanoTime();
        for (List<Bar> series : bars) {
            engine.onBar(DAILY, series.get(day));
        }
        return System.nanoTime() - t0;
    }

    private static FeatureEngine engine(CompiledLibrary library) {
        FeatureEngine engine = new FeatureEngine((instrument, spec, limit) -> List.of(), 200, 10, 5000);
        engine.addLibrary(library, library);
        engine.startLibrary(library);
        return engine;
    }

    private static void report(String what, long[] nanos, int instruments) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: a close of %d instruments takes median %.2f ms, p90 %.2f ms, max %.2f ms"
                + " (%.2f µs per bar)%n", what, instruments, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[sorted.length - 1] / 1e6,
                sorted[sorted.length / 2] / 1e3 / instruments);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
