package org.nautilus.benchmarks.features;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.nautilus.api.research.expression.FactorDefinition;
import org.nautilus.factor.alpha158.internal.Alpha158Library;
import org.nautilus.research.internal.expression.BarColumns;
import org.nautilus.research.internal.expression.FactorBatch;
import org.nautilus.research.internal.expression.FactorColumns;
import org.nautilus.research.internal.expression.FactorGraph;
import org.nautilus.research.internal.expression.FactorProgram;
import org.nautilus.research.internal.expression.FactorStream;

/**
 * {@code benchmarks/run.sh features [instruments] [days] [streamBars] [all|qlib14|alpha158]}: the expression engine
 * on GENERATED bars (a seeded random walk per instrument, {@link GeneratedBars}); the last argument runs one part
 * alone (each run of {@code qlib14} is then a fresh, cold JVM).
 * <ul>
 *   <li>Qlib's data-retrieval benchmark shape: {@link #QLIB_14 14 factors} over the universe, cold (the first work of
 *       the JVM), on one thread and then split by instrument over all cores;</li>
 *   <li>batch: every factor over every instrument's whole history, one instrument after the other on one thread
 *       (one {@link FactorBatch} reused), cold (first pass, JIT still compiling) and warm (second pass); ns per
 *       value = time / (instruments × days × 158), wall and the thread's CPU time; then the same split by instrument
 *       over all cores (wall);</li>
 *   <li>streaming: one instrument's {@link FactorStream} fed bar by bar, each bar timed (all 158 factors updated);
 *       the first quarter of the bars warms up, the rest are recorded in a histogram.</li>
 * </ul>
 * Defaults: 800 instruments × 3,528 days (14 years, the shape of Qlib's data-retrieval benchmark), 400,000
 * streamed bars. Ends with {@code features: VALUE µs per bar} (streaming, mean).
 */
public final class FeaturesMain {

    /**
     * Qlib reports its data-retrieval benchmark as "a dataset (14 features/factors) from the basic OHLCV daily data
     * (800 stocks each day from 2007 to 2020)" without listing the 14; these are 14 Alpha158 factors chosen to cover
     * its operator families: candlestick arithmetic, a ratio of shifts, means, std, regression (slope, R²),
     * extrema, a quantile, a rank, a correlation and a volume mean.
     */
    static final Set<String> QLIB_14 = Set.of("KMID", "KLEN", "KSFT", "ROC5", "MA10", "STD20", "BETA20", "RSQR20",
            "MAX30", "MIN30", "QTLU20", "RANK20", "CORR20", "VMA20");

    private FeaturesMain() {
    }

    public static void main(String[] args) {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 800;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 3_528;
        int streamBars = args.length > 2 ? Integer.parseInt(args[2]) : 400_000;
        // qlib14: only the 14-factor shape (cold, a fresh JVM each run); alpha158: only the 158 (batch, streaming)
        String part = args.length > 3 ? args[3] : "all";
        if (!Set.of("all", "qlib14", "alpha158").contains(part)) {
            throw new IllegalArgumentException("part '" + part + "': all, qlib14 or alpha158");
        }

        System.out.printf(Locale.ROOT, "%d cores, %s %s; generating %d instruments x %d days of GENERATED bars"
                + " (seeded)...%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), instruments, days);
        BarColumns[] universe = new BarColumns[instruments];
        for (int i = 0; i < instruments; i++) {
            universe[i] = GeneratedBars.instrument(1_000 + i, days);
        }

        // Qlib's data-retrieval benchmark shape first, in the fresh JVM: 14 factors, cold.
        List<FactorDefinition> alpha158 = new Alpha158Library().definitions();
        double checksum = 0;
        if (!part.equals("alpha158")) {
            FactorProgram qlib14 = compile("qlib14",
                    alpha158.stream().filter(d -> QLIB_14.contains(d.name())).toList());
            checksum += batch("qlib14", qlib14, universe, days, "cold");
            checksum += parallel("qlib14", qlib14, universe, days);
        }
        if (part.equals("qlib14")) {
            System.out.printf(Locale.ROOT, "(checksum %.6g)%n", checksum);
            return;
        }

        FactorProgram program = compile("alpha158", alpha158);
        int factors = program.size();
        checksum += batch("alpha158", program, universe, days, "cold", "warm");
        checksum += parallel("alpha158", program, universe, days);

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        BarColumns series = GeneratedBars.instrument(7, streamBars);
        FactorStream stream = program.newStream();
        // Auto-resizing: on the shared machine a bar was once stalled over 1 s (the run died on the histogram's range).
        Histogram histogram = new Histogram(3);
        double[] latest = new double[factors];
        int warmup = streamBars / 4;
        long measuredNanos = 0;
        long cpuStart = 0;
        for (int r = 0; r < streamBars; r++) {
            if (r == warmup) {
                cpuStart = threads.getCurrentThreadCpuTime();
            }
            long start = System.nanoTime();
            stream.update(series.open()[r], series.high()[r], series.low()[r], series.close()[r], series.volume()[r],
                    series.vwap()[r]);
            stream.values(latest);
            long nanos = System.nanoTime() - start;
            if (r >= warmup) {
                histogram.recordValue(nanos);
                measuredNanos += nanos;
            }
            double value = latest[r % factors];
            checksum += Double.isFinite(value) ? value : 0; // keeps the work observable
        }
        long streamCpu = threads.getCurrentThreadCpuTime() - cpuStart;
        int measured = streamBars - warmup;
        double meanMicros = measuredNanos / 1e3 / measured;
        System.out.printf(Locale.ROOT, "streaming: %d bars after %d warm-up bars, all %d factors per bar: mean %.2f µs,"
                + " p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.1f µs; %.1f ns per value%n", measured, warmup,
                factors, meanMicros, histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
                histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3,
                measuredNanos / (double) measured / factors);
        System.out.printf(Locale.ROOT, "streaming CPU: %.2f µs per bar (thread CPU time over the measured bars, timing"
                + " calls included)%n", streamCpu / 1e3 / measured);
        System.out.printf(Locale.ROOT, "(checksum %.6g)%n", checksum);
        System.out.printf(Locale.ROOT, "features: %.2f µs per bar%n", meanMicros);
    }

    private static FactorProgram compile(String set, List<FactorDefinition> definitions) {
        long start = System.nanoTime();
        FactorProgram program = FactorGraph.compile(definitions).programOrThrow();
        System.out.printf(Locale.ROOT, "%s: %d factors, %d distinct nodes, compiled in %.1f ms%n", set, program.size(),
                program.nodeCount(), (System.nanoTime() - start) / 1e6);
        return program;
    }

    /**
     * Every factor over every instrument's whole history, one instrument after the other on this thread (one
     * {@link FactorBatch} reused), once per pass: wall and the thread's CPU time.
     */
    private static double batch(String set, FactorProgram program, BarColumns[] universe, int days, String... passes) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        FactorBatch batch = program.newBatch();
        int factors = program.size();
        double checksum = 0;
        for (String pass : passes) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (BarColumns bars : universe) {
                FactorColumns values = batch.evaluate(bars);
                checksum += sumFinite(values.values()[factors - 1]);
            }
            long nanos = System.nanoTime() - start;
            long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            double valuesComputed = (double) universe.length * days * factors;
            // On a shared machine the thread's CPU time is the steadier figure; wall time includes waiting for a core.
            System.out.printf(Locale.ROOT,
                    "%s batch %s, 1 thread: %.2f s wall, %.2f s CPU for %d x %d bars x %d factors"
                            + " = %.3g values: %.2f ns per value wall, %.2f ns CPU (%.2f ns CPU per node-row)%n",
                    set, pass,
                    nanos / 1e9, cpuNanos / 1e9, universe.length, days, factors, valuesComputed, nanos / valuesComputed,
                    cpuNanos / valuesComputed, cpuNanos / ((double) universe.length * days * program.nodeCount()));
        }
        return checksum;
    }

    /**
     * The universe split by instrument over every core (one {@link FactorBatch} per thread; instruments are
     * independent), the way a node computes its partitions: wall time for the whole universe.
     */
    private static double parallel(String set, FactorProgram program, BarColumns[] universe, int days) {
        int threads = Runtime.getRuntime().availableProcessors();
        DoubleAdder checksum = new DoubleAdder();
        long start = System.nanoTime();
        IntStream.range(0, threads).parallel().forEach(t -> {
            FactorBatch batch = program.newBatch();
            for (int i = t; i < universe.length; i += threads) {
                checksum.add(sumFinite(batch.evaluate(universe[i]).values()[0]));
            }
        });
        long nanos = System.nanoTime() - start;
        System.out.printf(Locale.ROOT, "%s batch on %d threads: %.2f s wall for %d x %d bars x %d factors, %.2f ns per"
                + " value wall%n", set, threads, nanos / 1e9, universe.length, days, program.size(),
                nanos / ((double) universe.length * days * program.size()));
        return checksum.sum();
    }

    private static double sumFinite(double[] values) {
        double sum = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sum += v;
            }
        }
        return sum;
    }
}
