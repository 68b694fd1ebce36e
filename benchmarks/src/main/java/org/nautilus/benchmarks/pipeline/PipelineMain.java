package org.nautilus.benchmarks.pipeline;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.OrderType;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.TimeInForce;

/**
 * Load driver for the full in-process trading path: submit → risk (twelve rules) → smart order router (two
 * venues' books) → matching → fill → position update, measured at {@code OrderService.submit}, which returns
 * once the venue's synchronous answer (accept and fills) and the position update are applied.
 *
 * <p>Closed loop: each client thread submits its next order when the previous one returned, so the latency is
 * the service time of one order (no queueing behind a backlog). Orders are marketable IOC limits (a few ticks
 * through the touch) of 1-4999 shares on 5 symbols for 10 portfolios, alternating sides so positions stay
 * bounded; quotes are republished every millisecond so the market makers refill the books.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.nautilus.benchmarks.pipeline.PipelineMain [seconds] [clients]
 * [warmup-seconds]} (defaults 10, 2, 5). Prints the counts, the CPU time and allocation per order and the
 * collector's share of the time (on a shared machine these compare runs better than the wall-clock rate), the
 * latency percentiles and, last, {@code pipeline: N orders/s}.
 */
public final class PipelineMain {

    private static final int PORTFOLIOS = 10;

    private PipelineMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int partitions = 4;

        try (Pipeline pipeline = new Pipeline(partitions)) {
            Thread quotes = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    pipeline.publishQuotes(Instant.now());
                    try {
                        TimeUnit.MILLISECONDS.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "quotes");
            quotes.setDaemon(true);
            quotes.start();
            TimeUnit.MILLISECONDS.sleep(50);

            Client[] workers = new Client[clients];
            Thread[] threads = new Thread[clients];
            for (int c = 0; c < clients; c++) {
                workers[c] = new Client(pipeline, c, clients);
                threads[c] = new Thread(workers[c], "client-" + c);
                threads[c].start();
            }
            TimeUnit.SECONDS.sleep(warmup);
            for (Client worker : workers) {
                worker.measuring = true;
            }
            Usage before = Usage.now();
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            for (Client worker : workers) {
                worker.running = false;
            }
            for (Thread thread : threads) {
                thread.join();
            }
            long elapsed = System.nanoTime() - start;
            Usage used = Usage.now().minus(before);
            quotes.interrupt();
            pipeline.oms.sync();
            report(pipeline, workers, clients, partitions, warmup, elapsed, used);
        }
    }

    private static void report(Pipeline pipeline, Client[] workers, int clients, int partitions, int warmup,
            long elapsedNanos, Usage used) {
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long orders = 0;
        Map<OrderStatus, Long> statuses = new EnumMap<>(OrderStatus.class);
        Map<String, Long> denials = new TreeMap<>();
        for (Client worker : workers) {
            latency.add(worker.latency);
            orders += worker.measured;
            worker.statuses.forEach((s, n) -> statuses.merge(s, n.sum(), Long::sum));
            worker.denials.forEach((r, n) -> denials.merge(r, n.sum(), Long::sum));
        }
        double seconds = elapsedNanos / 1e9;
        System.out.println("pipeline: submit -> risk (" + pipeline.risk.rules().size()
                + " rules) -> smart order router (SIM, SIMB books) -> matching -> fill -> position");
        System.out.printf("clients %d, OMS partitions %d, warmup %d s, measured %.1f s, %d cores%n", clients,
                partitions, warmup, seconds, Runtime.getRuntime().availableProcessors());
        System.out.println("orders measured " + orders + ", by final status " + statuses);
        denials.forEach((reason, n) -> System.out.println("  denied " + n + ": " + reason));
        System.out.println("fills " + pipeline.fills.sum() + " (warmup included), routing: SIM "
                + pipeline.oms.statistics().orders(pipeline.sim.id()) + " orders, SIMB "
                + pipeline.oms.statistics().orders(pipeline.simb.id()) + " orders");
        System.out.println(checkPositions(pipeline));
        // On a shared machine the wall-clock rate depends on what else runs; CPU time per order much less so.
        long n = Math.max(1, orders);
        long clientCpu = 0;
        long clientBytes = 0;
        for (Client worker : workers) {
            clientCpu += worker.cpuNanos;
            clientBytes += worker.allocatedBytes;
        }
        System.out.printf("cpu: %.1f us per order (whole process, GC included; %.2f of %d cores busy), client threads "
                + "%.1f us, allocated %d bytes per order; GC %d pauses, %d ms (%.0f%% of the time)%n",
                used.cpuNanos / 1e3 / n, used.cpuNanos / (double) elapsedNanos,
                Runtime.getRuntime().availableProcessors(), clientCpu / 1e3 / n, clientBytes / n,
                used.gcCount, used.gcMillis, 100.0 * used.gcMillis * 1e6 / elapsedNanos);
        System.out.printf("latency (submit to return, closed loop): mean %.1f us, max %.1f us%n",
                latency.getMean() / 1e3, latency.getMaxValue() / 1e3);
        System.out.printf("p50: %.1f us%n", latency.getValueAtPercentile(50) / 1e3);
        System.out.printf("p99: %.1f us%n", latency.getValueAtPercentile(99) / 1e3);
        System.out.printf("p99.9: %.1f us%n", latency.getValueAtPercentile(99.9) / 1e3);
        System.out.printf("pipeline: %d orders/s%n", Math.round(orders / seconds));
    }

    /** Process CPU time and collector activity, to tell the pipeline's cost from the machine's other load. */
    private record Usage(long cpuNanos, long gcCount, long gcMillis) {

        static Usage now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                    ? os.getProcessCpuTime()
                    : 0;
            return new Usage(cpu, count, millis);
        }

        Usage minus(Usage before) {
            return new Usage(cpuNanos - before.cpuNanos, gcCount - before.gcCount, gcMillis - before.gcMillis);
        }
    }

    /** Every position must equal the sum of the fills the listeners saw. */
    private static String checkPositions(Pipeline pipeline) {
        int checked = 0;
        for (Position position : pipeline.keeper.positions()) {
            LongAdder expected = pipeline.filledByPosition.get(
                    new Pipeline.PositionRef(position.portfolioId(), position.instrumentId()));
            long sum = expected == null ? 0 : expected.sum();
            if (sum != position.quantity().raw()) {
                return "positions: MISMATCH at " + position.portfolioId() + "/" + position.instrumentId() + ": "
                        + position.quantity() + " but fills sum to " + new Quantity(sum);
            }
            checked++;
        }
        return "positions: " + checked + " positions, each equal to the sum of its fills";
    }

    /** One client: its own portfolios, its own latency histogram, no shared counters on the hot path. */
    private static final class Client implements Runnable {
        private final Pipeline pipeline;
        private final int id;
        private final int clients;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final Map<OrderStatus, LongAdder> statuses = new ConcurrentHashMap<>();
        final Map<String, LongAdder> denials = new ConcurrentHashMap<>();
        volatile boolean running = true;
        volatile boolean measuring;
        long measured;
        /** This thread's CPU time and allocation while measuring (read by the thread itself, before it ends). */
        long cpuNanos;
        long allocatedBytes;

        Client(Pipeline pipeline, int id, int clients) {
            this.pipeline = pipeline;
            this.id = id;
            this.clients = clients;
        }

        @Override
        public void run() {
            long n = 0;
            int portfolios = Math.max(1, PORTFOLIOS / clients);
            PortfolioId[] mine = new PortfolioId[portfolios];
            for (int p = 0; p < portfolios; p++) {
                mine[p] = PortfolioId.of("pf-" + (p * clients + id));
            }
            InstrumentId[] symbols = new InstrumentId[Pipeline.SYMBOLS.length];
            for (int s = 0; s < symbols.length; s++) {
                symbols[s] = InstrumentId.of(Pipeline.SYMBOLS[s]);
            }
            ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            boolean started = false;
            while (running) {
                int s = (int) (n % symbols.length);
                PortfolioId portfolio = mine[(int) ((n / symbols.length) % portfolios)];
                Side side = (n / (symbols.length * portfolios)) % 2 == 0 ? Side.BUY : Side.SELL;
                // (quantity, price) repeats every 24,995 orders, so no order duplicates a recent one.
                long ticks = 1 + (n / 4999) % 5;
                long base = Price.ofWhole(Pipeline.basePrice(s)).raw();
                Price limit = new Price(side == Side.BUY ? base + ticks * 1_000_000L : base - ticks * 1_000_000L);
                OrderRequest request = new OrderRequest(ClientOrderId.of("c" + id + "-" + n), portfolio, symbols[s],
                        side, OrderType.LIMIT, Quantity.ofWhole(1 + n % 4999), limit, null, TimeInForce.IOC,
                        null, null, false, false);
                long t0 = System.nanoTime();
                Order order = pipeline.oms.submit(request);
                long t1 = System.nanoTime();
                n++;
                if (measuring) {
                    if (!started) {
                        started = true;
                        cpuNanos = -threads.getCurrentThreadCpuTime();
                        allocatedBytes = -threads.getThreadAllocatedBytes(self);
                    }
                    latency.recordValue(Math.min(t1 - t0, latency.getHighestTrackableValue()));
                    measured++;
                    statuses.computeIfAbsent(order.status(), k -> new LongAdder()).increment();
                    if (order.status() == OrderStatus.DENIED || order.status() == OrderStatus.REJECTED) {
                        String reason = order.reason() == null ? "?" : order.reason().replaceAll("[0-9.]+", "N");
                        denials.computeIfAbsent(reason, k -> new LongAdder()).increment();
                    }
                }
            }
            if (started) {
                cpuNanos += threads.getCurrentThreadCpuTime();
                allocatedBytes += threads.getThreadAllocatedBytes(self);
            }
        }
    }
}
