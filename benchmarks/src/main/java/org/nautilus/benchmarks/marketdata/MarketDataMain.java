package org.nautilus.benchmarks.marketdata;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.marketdata.Bar;
import org.nautilus.api.marketdata.BarSpec;
import org.nautilus.api.marketdata.MarketDataListener;
import org.nautilus.api.marketdata.Quote;
import org.nautilus.api.marketdata.Subscription;
import org.nautilus.api.marketdata.Trade;
import org.nautilus.marketdata.internal.MarketDataGateway;
import org.nautilus.routes.internal.component.Gateways;
import org.nautilus.routes.internal.runtime.CamelRuntime;

/**
 * {@code benchmarks/run.sh marketdata}: ticks per second through the market data gateway into marks and bars, with
 * N subscribers, on one node.
 *
 * <p>Each scenario sends {@code ticks} trades (a random walk over 100 instruments, 1 ms of event time apart, so
 * time bars close as they go) and stops the clock when every subscriber has received (or dropped) every event it
 * was sent: the figure is end to end, not just the publisher's rate. The gateway aggregates 1-second time bars and
 * 100-trade tick bars for every instrument and keeps the marks.
 * <ul>
 *   <li>{@code gateway}: a feed thread calling {@code MarketDataService.publish} directly;</li>
 *   <li>{@code route-batch}: a Camel route {@code direct → nautilus:marketdata}, 1,000 trades per exchange (how the
 *       replay and FIX feeds send them): the hot path outside per-message Camel overhead;</li>
 *   <li>{@code route-per-tick}: the same route, one trade per exchange (what Camel costs per message).</li>
 * </ul>
 * Ends with {@code marketdata: VALUE ticks/s} = route-batch with 4 subscribers, the median of three runs.
 *
 * <p>On a small shared machine the rate is mostly the share of a core the scheduler gives the publishing thread, so
 * each scenario also prints what does not depend on it: CPU per tick (process, publisher thread, subscriber threads),
 * the publisher's time on a core against its wall time, context switches per tick and the collector's share of the
 * time. The subscribers' ring is {@code -Dmarketdata.ring} events (default 2^20, a subscriber descheduled for half a
 * second at 2 M ticks/s is not lapped); events a lapped subscriber skipped are counted as done and reported.
 *
 * <p>Options: {@code -quick} for a short run (checks the harness, figures not meaningful); {@code MODE N [RUNS]}
 * (e.g. {@code route-batch 4 5}) runs only that scenario, RUNS times after the warm-up, for profiling.
 */
public final class MarketDataMain {

    private static final int INSTRUMENTS = 100;
    /** The subscribers' broadcast ring (events a subscriber may fall behind); etc/ ships 65,536. */
    private static final int RING = Integer.getInteger("marketdata.ring", 1 << 20);
    private static final Instant T0 = Instant.parse("2024-03-01T14:30:00Z");

    private MarketDataMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("-quick");
        int first = quick ? 1 : 0;
        Mode only = args.length > first ? Mode.valueOf(args[first].toUpperCase(Locale.ROOT).replace('-', '_')) : null;
        int ticks = quick ? 200_000 : 5_000_000;
        int perTickTicks = quick ? 100_000 : 1_000_000;
        System.out.printf(Locale.ROOT, "%d instruments, bars PT1S + ticks:100, ring of %,d events, %s cores, %s, "
                + "load average %s%n", INSTRUMENTS, RING, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), loadAverage());
        // warm-up
        run(Mode.GATEWAY, 1, ticks / 5, false);
        run(Mode.ROUTE_BATCH, 1, ticks / 5, false);
        run(Mode.ROUTE_PER_TICK, 1, perTickTicks / 5, false);

        if (only != null) {
            int subscribers = Integer.parseInt(args[first + 1]);
            int runs = args.length > first + 2 ? Integer.parseInt(args[first + 2]) : 1;
            for (int r = 0; r < runs; r++) {
                run(only, subscribers, only == Mode.ROUTE_PER_TICK ? perTickTicks : ticks, true);
            }
            return;
        }
        List<Result> headline = new ArrayList<>();
        for (int subscribers : new int[] {0, 1, 4, 8}) {
            run(Mode.GATEWAY, subscribers, ticks, true);
            Result result = run(Mode.ROUTE_BATCH, subscribers, ticks, true);
            if (subscribers == 4) {
                headline.add(result);
            }
        }
        run(Mode.ROUTE_PER_TICK, 0, perTickTicks, true);
        run(Mode.ROUTE_PER_TICK, 4, perTickTicks, true);
        // the headline scenario twice more: its figure is the median of three, printed with their spread
        headline.add(run(Mode.ROUTE_BATCH, 4, ticks, true));
        headline.add(run(Mode.ROUTE_BATCH, 4, ticks, true));
        List<Result> sorted = new ArrayList<>(headline);
        sorted.sort(Comparator.comparingDouble(Result::rate));
        Result median = sorted.get(1);
        long drops = headline.stream().mapToLong(Result::dropped).sum();
        System.out.printf(Locale.ROOT, "route-batch 4 subscribers, three runs: %,.0f / %,.0f / %,.0f ticks/s "
                + "(median %,.0f); publisher thread %.2f us CPU per tick (%.2f of its wall time on a core), "
                + "GC %.0f %% of the time (median run); load average %s%s%n",
                headline.get(0).rate, headline.get(1).rate, headline.get(2).rate, median.rate,
                median.publisherCpuPerTick, median.publisherOnCore, median.gcShare, loadAverage(),
                drops == 0 ? ""
                        : "; WARNING: " + drops + " events dropped (lapped subscribers count as done), "
                                + "the figure overstates delivery");
        System.out.printf(Locale.ROOT, "marketdata: %.0f ticks/s%n", median.rate);
    }

    /** One scenario's figures. */
    record Result(double rate, long dropped, double publisherCpuPerTick, double publisherOnCore, double gcShare) {
    }

    /** The machine's 1, 5 and 15 minute load averages (Linux), or "?". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    enum Mode {
        GATEWAY, ROUTE_BATCH, ROUTE_PER_TICK
    }

    private static Result run(Mode mode, int subscriberCount, int ticks, boolean print) throws Exception {
        MarketDataGateway gateway = new MarketDataGateway(Clock.systemUTC(), Duration.ofSeconds(1),
                List.of(BarSpec.ticks(100)), 1_000, RING);
        InstrumentId[] ids = new InstrumentId[INSTRUMENTS];
        for (int i = 0; i < INSTRUMENTS; i++) {
            ids[i] = InstrumentId.of("SYM" + i);
            gateway.define(Instrument.equity(ids[i].value(), "USD"));
        }
        List<Counter> counters = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int i = 0; i < subscriberCount; i++) {
            Counter counter = new Counter();
            counters.add(counter);
            subscriptions.add(gateway.subscribe(Set.of(), counter));
        }
        CamelRuntime camel = null;
        ProducerTemplate producer = null;
        if (mode != Mode.GATEWAY) {
            camel = new CamelRuntime(MarketDataMain.class.getClassLoader(), new Gateways(() -> gateway),
                    Clock.systemUTC());
            camel.context().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ticks").routeId("ticks").to("nautilus:marketdata");
                }
            });
            producer = camel.context().createProducerTemplate();
        }

        Usage before = Usage.now();
        long publisherCpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        List<Thread> subscriberThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("nautilus-marketdata-subscriber-")).toList();
        long subscribersCpuBefore = threadsCpu(subscriberThreads);
        long[] prices = new long[INSTRUMENTS];
        Arrays.fill(prices, 100_00000000L);
        SplittableRandom random = new SplittableRandom(42);
        Quantity size = Quantity.ofWhole(10);
        long start = System.nanoTime();
        List<Trade> batch = new ArrayList<>(1000);
        for (int i = 0; i < ticks; i++) {
            int k = i % INSTRUMENTS;
            prices[k] = Math.max(1_000_000, prices[k] + (random.nextBoolean() ? 1_000_000 : -1_000_000));
            Trade trade = new Trade(ids[k], new Price(prices[k]), size, T0.plusMillis(i));
            switch (mode) {
                case GATEWAY -> gateway.publish(trade);
                case ROUTE_PER_TICK -> producer.sendBody("direct:ticks", trade);
                case ROUTE_BATCH -> {
                    batch.add(trade);
                    if (batch.size() == 1000) {
                        producer.sendBody("direct:ticks", batch);
                        batch = new ArrayList<>(1000);
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            producer.sendBody("direct:ticks", batch);
        }
        long published = System.nanoTime();
        long publisherCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - publisherCpuBefore;
        // stop the clock when every subscriber has taken every trade (or had it dropped)
        for (int i = 0; i < counters.size(); i++) {
            Counter c = counters.get(i);
            while (c.trades.sum() + gateway.subscribers().get(i).dropped() < ticks
                    && System.nanoTime() - published < TimeUnit.SECONDS.toNanos(60)) {
                Thread.onSpinWait();
            }
        }
        long bars = gateway.stats().stream().mapToLong(MarketDataGateway.InstrumentStats::barsClosed).sum();
        long done = System.nanoTime();
        Usage used = Usage.now().minus(before);
        long subscribersCpu = threadsCpu(subscriberThreads) - subscribersCpuBefore;
        long drops = gateway.subscribers().stream().mapToLong(MarketDataGateway.SubscriberStats::dropped).sum();
        double seconds = (done - start) / 1e9;
        double rate = ticks / seconds;
        if (print) {
            System.out.printf(Locale.ROOT, "%-15s %d subscribers: %,12.0f ticks/s end to end (publisher %,12.0f/s), "
                    + "%,d bars closed, %,d events dropped, mark SYM0 %s; per tick: %.2f us CPU (%.2f cores busy), "
                    + "%.3f context switches (%.3f voluntary); publisher thread %.2f us CPU per tick "
                    + "(%.2f of its wall time on a core), subscriber threads %.2f us CPU per tick together; "
                    + "GC %d collections, %d ms (%.0f %% of the time)%n",
                    mode.name().toLowerCase(Locale.ROOT).replace('_', '-'), subscriberCount, rate,
                    ticks / ((published - start) / 1e9), bars, drops, gateway.mark(ids[0]).orElseThrow(),
                    used.cpuNanos / 1e3 / ticks, used.cpuNanos / (double) (done - start),
                    (double) (used.voluntarySwitches + used.involuntarySwitches) / ticks,
                    (double) used.voluntarySwitches / ticks, publisherCpu / 1e3 / ticks,
                    publisherCpu / (double) (published - start), subscribersCpu / 1e3 / ticks, used.gcCount,
                    used.gcMillis, 100.0 * used.gcMillis * 1e6 / (done - start));
        }
        subscriptions.forEach(Subscription::close);
        gateway.close();
        if (camel != null) {
            camel.close();
        }
        return new Result(rate, drops, publisherCpu / 1e3 / ticks, publisherCpu / (double) (published - start),
                used.gcMillis * 1e6 / (done - start) * 100);
    }

    private static long threadsCpu(List<Thread> threads) {
        long sum = 0;
        for (Thread thread : threads) {
            long cpu = ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
            sum += Math.max(0, cpu);
        }
        return sum;
    }

    /**
     * The process's CPU time and its threads' context switches (Linux {@code /proc/self/task}; zero elsewhere).
     * Voluntary switches are a thread parking or sleeping (a subscriber waiting, a publisher's wake-up being
     * answered); involuntary ones are the scheduler taking a core away (more threads runnable than cores).
     */
    private record Usage(long cpuNanos, long voluntarySwitches, long involuntarySwitches, long gcMillis,
            long gcCount) {
        static Usage now() {
            long gcMillis = 0;
            long gcCount = 0;
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                gcMillis += Math.max(0, gc.getCollectionTime());
                gcCount += Math.max(0, gc.getCollectionCount());
            }
            long cpu = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long voluntary = 0;
            long involuntary = 0;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:")) {
                                voluntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                                involuntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            }
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended while we listed it
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: CPU time only
            }
            return new Usage(cpu, voluntary, involuntary, gcMillis, gcCount);
        }

        Usage minus(Usage earlier) {
            return new Usage(cpuNanos - earlier.cpuNanos, voluntarySwitches - earlier.voluntarySwitches,
                    involuntarySwitches - earlier.involuntarySwitches, gcMillis - earlier.gcMillis,
                    gcCount - earlier.gcCount);
        }
    }

    /** A subscriber that only counts. */
    private static final class Counter implements MarketDataListener {
        final LongAdder trades = new LongAdder();
        final LongAdder others = new LongAdder();

        @Override
        public void onQuote(Quote quote) {
            others.increment();
        }

        @Override
        public void onTrade(Trade trade) {
            trades.increment();
        }

        @Override
        public void onBar(Bar bar) {
            others.increment();
        }
    }
}
