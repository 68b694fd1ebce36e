package org.nautilus.benchmarks.backtest;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.routes.MarketDataFiles;
import org.nautilus.api.strategy.BacktestSpec;
import org.nautilus.api.strategy.Strategy;
import org.nautilus.api.strategy.StrategyContext;
import org.nautilus.api.strategy.StrategyHandler;
import org.nautilus.strategy.internal.backtest.BacktestEngine;

/**
 * Throughput of a backtest through the full engine: data merge, simulated clock, simulated exchange (each bar's open
 * and close become its book's quote), OMS with the twelve pre-trade risk rules, position keeper, strategy. The data
 * are generated 1-minute bars (a seeded random walk per instrument, 390 a day) fed through the engine's own file
 * interface, so no disk or CSV parsing is measured.
 *
 * <p>Three runs over the same bars, side by side: {@code quiet} (the strategy gets every bar and sends nothing: the
 * event loop's cost), {@code trading} (a market order on every {@code N}th bar of each instrument, alternating sides:
 * the order path's cost on top) and {@code ma-cross}-like signals are not measured here (their arithmetic is the
 * strategy's, not the engine's).
 *
 * <p>Usage: {@code BacktestMain [instruments] [bars-per-instrument] [order-every-n-bars]} (defaults 100, 20,000, 10).
 * A year of 1-minute bars is 98,280 per instrument. Prints bars/s and steps/s (a bar is two steps: its open and its
 * close) per run, orders/s for the trading run, the same per second of the engine thread's CPU time (comparable
 * across loads: the wall time on a shared machine is partly waiting for a core), and last
 * {@code backtest: N bars/s} (the trading run).
 */
public final class BacktestMain {

    public static void main(String[] args) throws Exception {
        int instruments = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int bars = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int every = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<BacktestSpec.DataFile> files = new ArrayList<>();
        for (int i = 0; i < instruments; i++) {
            files.add(new BacktestSpec.DataFile("generated-" + i, "generated", InstrumentId.of("SYM" + i),
                    Duration.ofMinutes(1)));
        }
        BacktestSpec spec = new BacktestSpec("bench", Map.of("lot.size", "1"), files, null, null,
                new BigDecimal("1000000000"), BacktestSpec.Execution.defaults(),
                Map.of("max.orders", "2000000000", "max.leverage", "1000"), Duration.ofDays(1), 252);
        MarketDataFiles generated = (path, format, symbol, interval) -> new GeneratedBars(symbol, bars);
        System.out.printf("backtest: %d instruments x %,d 1-minute bars = %,d bars (%,d steps), orders every %d bars%n",
                instruments, bars, (long) instruments * bars, 2L * instruments * bars, every);
        // Warm-up: a tenth of the data, both modes.
        run(spec.withData(files.subList(0, Math.max(1, instruments / 10))), generated, 0, "warm-up quiet");
        run(spec.withData(files.subList(0, Math.max(1, instruments / 10))), generated, every, "warm-up trading");
        run(spec, generated, 0, "quiet");
        double tradingBars = run(spec, generated, every, "trading");
        System.out.printf("backtest: %.0f bars/s%n", tradingBars);
    }

    private static double run(BacktestSpec spec, MarketDataFiles files, int every, String label) throws Exception {
        Strategy strategy = new Strategy() {
            @Override
            public String description() {
                return "orders every n bars";
            }

            @Override
            public StrategyHandler start(StrategyContext context) {
                return new StrategyHandler() {
                    private final Map<InstrumentId, int[]> counts = new HashMap<>();

                    @Override
                    public void onBar(Bar bar) {
                        int[] n = counts.computeIfAbsent(bar.instrumentId(), k -> new int[1]);
                        if (every > 0 && ++n[0] % every == 0) {
                            context.market(bar.instrumentId(), (n[0] / every) % 2 == 0 ? Quantity.ofWhole(-10)
                                    : Quantity.ofWhole(10));
                        }
                    }
                };
            }
        };
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long process0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        BacktestEngine.Outcome outcome = new BacktestEngine(spec, strategy, files, Path.of("."), false).run(line -> {});
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double processCpu = (os.getProcessCpuTime() - process0) / 1e9;
        long barsRun = outcome.events() / 2;
        System.out.printf(
                "%-16s %,12d bars in %6.2f s: %,11.0f bars/s, %,11.0f steps/s, %,9d orders (%,9.0f/s), %,9d fills%s%n",
                label, barsRun, seconds, barsRun / seconds, outcome.events() / seconds, outcome.submitted(),
                outcome.submitted() / seconds, outcome.fillCount(),
                outcome.failure() == null ? "" : " FAILED: " + outcome.failure());
        // The engine runs on this thread: its CPU time is what the run cost, whatever else the machine was doing
        // (on a loaded machine the wall time is mostly waiting for a core). The process's adds GC and JIT threads.
        System.out.printf("%-16s CPU: engine thread %6.2f s (%,11.0f steps/s, %,9.0f orders/s, %.3f µs per step), "
                + "process %6.2f s%n", label, cpu, outcome.events() / cpu, outcome.submitted() / cpu,
                cpu * 1e6 / outcome.events(), processCpu);
        return barsRun / seconds;
    }

    /** One instrument's 1-minute bars, a seeded random walk from 100, 390 a day on weekdays. */
    static final class GeneratedBars implements MarketDataFiles.Reader {
        private static final long TICK = Price.of("0.01").raw();
        private final InstrumentId symbol;
        private final int total;
        private final SplittableRandom random;
        private int emitted;
        private long close = Price.ofWhole(100).raw();
        private Instant day = Instant.parse("2024-01-02T14:30:00Z");
        /** 2024-01-02 is a Tuesday: 0 = Monday. */
        private int weekday = 1;
        private int minute;

        GeneratedBars(InstrumentId symbol, int total) {
            this.symbol = symbol;
            this.total = total;
            this.random = new SplittableRandom(symbol.value().hashCode());
        }

        @Override
        public Object next() {
            if (emitted == total) {
                return null;
            }
            if (minute == 390) {
                minute = 0;
                int skip = weekday == 4 ? 3 : 1;
                day = day.plus(Duration.ofDays(skip));
                weekday = (weekday + skip) % 7;
            }
            Instant start = day.plus(Duration.ofMinutes(minute++));
            long open = close;
            long step = TICK;
            long next = Math.max(step * 100, open + (random.nextInt(21) - 10) * step);
            long high = Math.max(open, next) + step * random.nextInt(3);
            long low = Math.min(open, next) - step * random.nextInt(3);
            close = next;
            emitted++;
            return new Bar(symbol, start, start.plus(Duration.ofMinutes(1)), new Price(open), new Price(high),
                    new Price(low), new Price(next), Quantity.ofWhole(1000 + random.nextInt(9000)));
        }

        @Override
        public void close() {
        }
    }
}
