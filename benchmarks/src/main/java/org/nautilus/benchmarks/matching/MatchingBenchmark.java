package org.nautilus.benchmarks.matching;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the matching engine alone: each invocation applies the next {@value #BATCH} commands of the
 * same seeded {@link OrderStream} to our order book or to exchange-core's; when the stream is used up both
 * start again on a fresh book (once per million commands: negligible).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MatchingBenchmark {

    static final int BATCH = 1_000;
    static final int STREAM = 1_000_000;
    static final long SEED = 20_240_301L;

    @Param({"nautilus", "exchange-core"})
    public String engine;

    private OrderStream stream;
    private Engines.Engine book;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        stream = new OrderStream(SEED, STREAM, 1_000);
        book = newEngine(engine);
        next = 0;
    }

    static Engines.Engine newEngine(String name) {
        return switch (name) {
            case "nautilus" -> new Engines.Nautilus();
            case "exchange-core" -> new Engines.ExchangeCore();
            default -> throw new IllegalArgumentException("engine " + name);
        };
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long match() {
        if (next + BATCH > stream.size) {
            book = newEngine(engine);
            next = 0;
        }
        Engines.Engine b = book;
        OrderStream s = stream;
        for (int end = next + BATCH; next < end; next++) {
            b.apply(s, next);
        }
        return b.trades();
    }
}
