package org.nautilus.benchmarks.matching;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code benchmarks/run.sh matching}: the matching engine alone, side by side with exchange-core 0.5.3 on the
 * same command stream. Throughput comes from JMH ({@link MatchingBenchmark}); latency per command (p50, p99,
 * p99.9) from a timed replay into an HdrHistogram. Ends with {@code matching: VALUE orders/s} (ours).
 *
 * <p>Options: {@code -quick} for a short run (checks the harness, figures not meaningful).
 */
public final class MatchingMain {

    private MatchingMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("-quick");
        Options options = new OptionsBuilder()
                .include(MatchingBenchmark.class.getName() + ".match")
                .forks(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> throughput = new HashMap<>();
        for (RunResult r : results) {
            String engine = r.getParams().getParam("engine");
            throughput.put(engine,
                    new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }

        Histogram ours = latency("nautilus", quick);
        Histogram theirs = latency("exchange-core", quick);

        // Both engines must have done the same work: replay the stream once more through each and compare.
        OrderStream sample = new OrderStream(MatchingBenchmark.SEED, MatchingBenchmark.STREAM, 1_000);
        Engines.Engine counter = MatchingBenchmark.newEngine("nautilus");
        Engines.Engine peer = MatchingBenchmark.newEngine("exchange-core");
        for (int i = 0; i < sample.size; i++) {
            counter.apply(sample, i);
            peer.apply(sample, i);
        }
        if (counter.trades() != peer.trades()) {
            throw new IllegalStateException("the engines disagree: " + counter.trades() + " trades here, "
                    + peer.trades() + " in exchange-core");
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "stream: %,d commands (~55%% GTC, 6%% IOC, 4%% market, 20%% cancel, 8%% move, "
                + "7%% reduce), %,d trades in both engines, 1000 users, seed %d%n", sample.size, counter.trades(),
                MatchingBenchmark.SEED);
        print("exchange-core 0.5.3 (OrderBookDirectImpl)", throughput.get("exchange-core"), theirs);
        print("nautilus OrderBook", throughput.get("nautilus"), ours);
        System.out.printf(Locale.ROOT, "matching p99: %d ns (exchange-core %d ns)%n",
                ours.getValueAtPercentile(99), theirs.getValueAtPercentile(99));
        System.out.printf(Locale.ROOT, "exchange-core: %.0f orders/s%n", throughput.get("exchange-core")[0]);
        System.out.printf(Locale.ROOT, "matching: %.0f orders/s%n", throughput.get("nautilus")[0]);
    }

    private static void print(String name, double[] score, Histogram latency) {
        System.out.printf(Locale.ROOT,
                "%-42s %,12.0f ± %,.0f orders/s   latency p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns%n",
                name, score[0], score[1], latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue());
    }

    /**
     * Latency of each command: the stream is replayed (after warm-up passes) with {@code System.nanoTime()}
     * around every command; the timer's own cost (~20-30 ns) is included.
     */
    static Histogram latency(String engine, boolean quick) {
        OrderStream stream = new OrderStream(MatchingBenchmark.SEED, MatchingBenchmark.STREAM, 1_000);
        int warmups = quick ? 1 : 5;
        for (int w = 0; w < warmups; w++) {
            Engines.Engine book = MatchingBenchmark.newEngine(engine);
            for (int i = 0; i < stream.size; i++) {
                book.apply(stream, i);
            }
        }
        Histogram histogram = new Histogram(10_000_000_000L, 3);
        int passes = quick ? 1 : 3;
        for (int p = 0; p < passes; p++) {
            Engines.Engine book = MatchingBenchmark.newEngine(engine);
            for (int i = 0; i < stream.size; i++) {
                long t0 = System.nanoTime();
                book.apply(stream, i);
                histogram.recordValue(System.nanoTime() - t0);
            }
        }
        return histogram;
    }
}
