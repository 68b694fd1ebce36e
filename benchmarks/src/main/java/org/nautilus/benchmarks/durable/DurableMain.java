package org.nautilus.benchmarks.durable;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.Instrument;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventSubscriber;
import org.nautilus.api.oms.OrderStepListener;
import org.nautilus.api.risk.RiskService;
import org.nautilus.grid.internal.journal.Durations;
import org.nautilus.grid.internal.journal.GroupCommit;
import org.nautilus.grid.internal.journal.Materializer;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.store.IgniteTradingStore;
import org.nautilus.grid.internal.store.StoreSettings;
import org.nautilus.grid.internal.store.StoreSettings.JournalMode;
import org.nautilus.oms.internal.core.OrderListeners;
import org.nautilus.oms.internal.core.OrderManager;
import org.nautilus.oms.internal.routing.DirectRouter;
import org.nautilus.portfolio.internal.core.PositionKeeper;
import org.nautilus.strategy.internal.backtest.EngineServices;
import org.nautilus.testsupport.ScriptedRisk;

/**
 * Load driver for the durable order path: {@code OrderService.submit} → OMS (one partition writer per portfolio
 * group) → a venue that fills at once → position keeper, with every change recorded in the OMS's unit of work and
 * the command acknowledged only after its group commit is durable. The same closed-loop load runs against:
 *
 * <ol>
 *   <li>{@code journal}: the single node's default: each group of commands is one record of the store's journal,
 *       fsynced before the acknowledgements, and Ignite's caches (native persistence, WAL FSYNC) are written behind
 *       it by the materializer, at most {@code materialize.max.lag} commands behind;</li>
 *   <li>{@code journal-subscriber}: the same with an outside {@code OrderEventSubscriber} given every event once
 *       durable (what a route, an HTTP stream or a FIX gateway costs);</li>
 *   <li>{@code journal-each}: the same with one journal fsync per command ({@code commit.max.batch=1});</li>
 *   <li>{@code ignite-group}: no journal, each group one Ignite transaction, acknowledged after its WAL fsync (the
 *       cluster's path, where Ignite's backups carry the durability);</li>
 *   <li>{@code no-persistence}: the same store on an in-memory Ignite region (transactions, no disk);</li>
 *   <li>{@code no-store}: the OMS without a store (nothing durable), the ceiling of the in-process path.</li>
 * </ol>
 *
 * <p>Usage: {@code java <ignite --add-opens> -cp benchmarks.jar org.nautilus.benchmarks.durable.DurableMain
 * [seconds] [clients] [warmup-seconds] [work-dir] [modes] [rate] [window]} (defaults 15, 4, 30, a temporary directory, all
 * five modes in the order above, comma-separated, 0, 1024). With a {@code rate} (orders/s offered in total) the clients run
 * an open loop instead: client {@code i} of {@code n} submits at its scheduled times {@code i/rate, (i+n)/rate, ...}
 * and the latency counts from the scheduled time (a client behind schedule submits at once, its wait counted), so
 * the latency is that of the offered load, not of a queue the driver builds itself. With a {@code window} (7th
 * argument, 0 for a thread blocked per order) each client keeps that many orders in flight through
 * {@code OrderManager.submitAsync} (a gateway's way), acknowledged by the store's committer. Prints per mode the
 * orders/s, ack latency p50/p99/p99.9, orders per commit and the time a commit takes, checks that every
 * position equals the sum of its fills and that every acknowledged order is in the store, and ends with
 * {@code durable: N orders/s} for {@code journal}, after a line {@code disk: ...} that puts it beside the disk's own
 * fsync rate on the work directory ({@link FsyncProbe}, before and after the modes; {@code -Ddurable.probe.seconds},
 * default 3, 0 for none) and the ratio journal ÷ one fsync per order. The materialization lag is bounded, so after the warmup the
 * closed loop runs at the pace of the slower of the journal and the materializer; the driver prints both.
 */
public final class DurableMain {

    private static final int PORTFOLIOS = 16;
    /** Orders/s offered in total by the open loop; 0: closed loop (each client submits when acknowledged). */
    private static double rate;
    /**
     * Orders each client keeps in flight with {@code OrderManager.submitAsync} (acknowledged by a callback once
     * durable); 0: each client thread blocks in {@code submit} until its order is durable.
     */
    private static int window;
    private static final InstrumentId[] SYMBOLS = {InstrumentId.of("AAPL"), InstrumentId.of("MSFT"),
            InstrumentId.of("NVDA")};

    private DurableMain() {
    }

    /** What one mode measured. */
    record Result(String mode, long orders, double seconds, Histogram latency, String store) {

        long perSecond() {
            return Math.round(orders / seconds);
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("IGNITE_NO_ASCII", "true");
        System.setProperty("IGNITE_UPDATE_NOTIFIER", "false");
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        rate = args.length > 5 ? Double.parseDouble(args[5]) : 0;
        window = args.length > 6 ? Integer.parseInt(args[6]) : 1024;
        // Ignite's code paths take the JIT tens of seconds on 2 shared cores (C2 still used a third of the CPU
        // 13 s into a run): a short warmup measured the compiler.
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path base = args.length > 3 && !args[3].isEmpty() ? Path.of(args[3])
                : Files.createTempDirectory("nautilus-durable");
        System.out.printf("durable: %d clients (%s, %s), %d s measured after %d s warmup, %d cores, work %s%n",
                clients, rate > 0 ? String.format("open loop, %.0f orders/s offered", rate) : "closed loop",
                window > 0 ? "asynchronous, " + window + " orders in flight each" : "each blocking per order",
                seconds, warmup, Runtime.getRuntime().availableProcessors(), base);
        List<String> modes = args.length > 4 ? List.of(args[4].split(","))
                : List.of("journal", "journal-subscriber", "journal-each", "ignite-group", "no-persistence",
                        "no-store");
        List<Result> results = new ArrayList<>();
        // The disk's own fsync rate on the same directory, before and after the modes (it moves with the other
        // sessions' I/O), so the journal figures can be read against this run's disk.
        double probeSeconds = Double.parseDouble(System.getProperty("durable.probe.seconds", "3"));
        List<FsyncProbe.Result> probes = new ArrayList<>();
        try {
            if (probeSeconds > 0) {
                probes.add(FsyncProbe.run(base, probeSeconds));
                System.out.println("disk before: " + probes.get(0) + ", " + FsyncProbe.RECORD
                        + "-byte appends to a preallocated file in " + base);
            }
            for (String mode : modes) {
                results.add(switch (mode) {
                    case "journal" -> run(mode, base.resolve("journal"), true, JournalMode.ON, 1024, seconds, clients,
                            warmup);
                    case "journal-subscriber" -> run(mode, base.resolve("subscriber"), true, JournalMode.ON, 1024,
                            seconds, clients, warmup);
                    case "journal-each" -> run(mode, base.resolve("each"), true, JournalMode.ON, 1, seconds, clients,
                            warmup);
                    case "ignite-group" -> run(mode, base.resolve("group"), true, JournalMode.OFF, 1024, seconds,
                            clients, warmup);
                    case "no-persistence" -> run(mode, base.resolve("memory"), false, JournalMode.OFF, 1024, seconds,
                            clients, warmup);
                    case "no-store" -> run(mode, null, false, JournalMode.OFF, 0, seconds, clients, warmup);
                    default -> throw new IllegalArgumentException("unknown mode " + mode
                            + " (journal, journal-subscriber, journal-each, ignite-group, no-persistence, no-store)");
                });
            }
            if (probeSeconds > 0) {
                probes.add(FsyncProbe.run(base, probeSeconds));
                System.out.println("disk after: " + probes.get(probes.size() - 1));
            }
        } finally {
            if (args.length <= 3 || args[3].isEmpty()) {
                delete(base);
            }
        }
        System.out.println();
        System.out.printf("%-15s %12s %10s %10s %10s%n", "mode", "orders/s", "p50 us", "p99 us", "p99.9 us");
        for (Result r : results) {
            System.out.printf("%-15s %12d %10.0f %10.0f %10.0f%n", r.mode(), r.perSecond(),
                    r.latency().getValueAtPercentile(50) / 1e3, r.latency().getValueAtPercentile(99) / 1e3,
                    r.latency().getValueAtPercentile(99.9) / 1e3);
        }
        Result durable = results.stream().filter(r -> r.mode().equals("journal")).findFirst()
                .orElse(results.get(0));
        System.out.printf("p99: %.0f us%n", durable.latency().getValueAtPercentile(99) / 1e3);
        System.out.println(diskLine(results, probes));
        subscriberLine(results).ifPresent(System.out::println);
        System.out.printf("durable: %d orders/s%n", durable.perSecond());
    }

    /**
     * The journal against the disk: {@code journal} ÷ {@code journal-each} (the group commit's gain over one fsync
     * per order, same run), {@code journal-each} ÷ the probe (the per-order path against a bare fsync) and the
     * probe's rate, which differs from machine to machine and minute to minute.
     */
    static String diskLine(List<Result> results, List<FsyncProbe.Result> probes) {
        Optional<Result> journal = results.stream().filter(r -> r.mode().equals("journal")).findFirst();
        Optional<Result> each = results.stream().filter(r -> r.mode().equals("journal-each")).findFirst();
        StringBuilder line = new StringBuilder("disk: ");
        if (probes.isEmpty()) {
            line.append("not probed (-Ddurable.probe.seconds=0)");
        } else {
            double low = probes.stream().mapToDouble(FsyncProbe.Result::perSecond).min().orElseThrow();
            double high = probes.stream().mapToDouble(FsyncProbe.Result::perSecond).max().orElseThrow();
            double mean = probes.stream().mapToDouble(FsyncProbe.Result::perSecond).average().orElseThrow();
            line.append(String.format(Locale.ROOT, "%,.0f fsyncs/s on the work directory (probe, %,.0f-%,.0f before "
                    + "and after)", mean, low, high));
            each.ifPresent(e -> line.append(String.format(Locale.ROOT, "; one fsync per order %,d/s = %.2f x the "
                    + "probe", e.perSecond(), e.perSecond() / mean)));
            journal.ifPresent(j -> line.append(String.format(Locale.ROOT, "; journal %,d orders/s = %,.0f x the "
                    + "probe's fsyncs/s", j.perSecond(), j.perSecond() / mean)));
        }
        if (journal.isPresent() && each.isPresent() && each.get().perSecond() > 0) {
            line.append(String.format(Locale.ROOT, "; journal / one fsync per order = %.1f",
                    (double) journal.get().perSecond() / each.get().perSecond()));
        }
        return line.toString();
    }

    /** {@code journal-subscriber} against {@code journal}: what an outside subscriber costs (same run). */
    static Optional<String> subscriberLine(List<Result> results) {
        Optional<Result> journal = results.stream().filter(r -> r.mode().equals("journal")).findFirst();
        Optional<Result> subscribed = results.stream().filter(r -> r.mode().equals("journal-subscriber")).findFirst();
        if (journal.isEmpty() || subscribed.isEmpty() || journal.get().perSecond() == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "subscriber: journal with an outside subscriber %,d orders/s = "
                + "%.2f x journal without one (%,d)", subscribed.get().perSecond(),
                (double) subscribed.get().perSecond() / journal.get().perSecond(), journal.get().perSecond()));
    }

    /**
     * @param work     the Ignite work directory, {@code null} for no store at all
     * @param maxBatch commands per commit
     */
    static Result run(String mode, Path work, boolean persistent, JournalMode journal, int maxBatch, int seconds,
            int clients, int warmup) throws Exception {
        Clock clock = Clock.systemUTC();
        EmbeddedGrid grid = null;
        IgniteTradingStore store = null;
        if (work != null) {
            grid = EmbeddedGrid.start(settings(mode, work, persistent), DurableMain.class.getClassLoader());
            store = IgniteTradingStore.open(grid, storeSettings(work, journal, maxBatch));
        }
        PositionKeeper keeper = new PositionKeeper(store != null ? store : new EngineServices.MemoryPositionStore());
        Map<String, LongAdder> filled = new ConcurrentHashMap<>();
        OrderListeners listeners = new OrderListeners();
        listeners.add(new OrderStepListener() {
            @Override
            public void onFill(Fill fill) {
                keeper.apply(fill);
                filled.computeIfAbsent(fill.portfolioId() + "/" + fill.instrumentId(), k -> new LongAdder())
                        .add(fill.signedQuantity().raw());
            }
        });
        OrderManager oms = oms(store, clock, listeners);
        oms.recover();
        // journal-subscriber: every committed event also goes to an outside subscriber (what a route or FIX does).
        CountingSubscriber subscriber = mode.endsWith("-subscriber") ? new CountingSubscriber() : null;
        if (subscriber != null) {
            oms.subscribe(subscriber, "bench", 1 << 20);
        }
        InstantVenue venue = new InstantVenue(clock);
        oms.venueAdded(venue.id(), venue);
        try {
            Client[] workers = new Client[clients];
            Thread[] threads = new Thread[clients];
            for (int c = 0; c < clients; c++) {
                workers[c] = new Client(oms, mode, c, clients);
                threads[c] = new Thread(workers[c], mode + "-client-" + c);
                threads[c].start();
            }
            TimeUnit.SECONDS.sleep(warmup);
            GroupCommit.Stats before = store == null ? null : store.stats();
            Materializer.Stats materializedBefore = store == null ? null : store.materializerStats();
            long journalBefore = store == null ? 0 : store.journalBytes();
            long walBefore = persistent ? archivedWalBytes(work) : 0;
            Durations.Snapshot syncsBefore = store == null ? null : store.journalSyncTimes();
            for (Client w : workers) {
                w.measuring = true;
            }
            long cpu0 = processCpuNanos();
            long gc0 = gcMillis();
            long allocated0 = allocatedBytes();
            Map<Long, Long> threadCpu0 = threadCpu();
            long t0 = System.nanoTime();
            RunnableThreads runnable = new RunnableThreads(10);
            TimeUnit.SECONDS.sleep(seconds);
            runnable.close();
            for (Client w : workers) {
                w.measuring = false;
                w.running = false;
            }
            long elapsed = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            long gc = gcMillis() - gc0;
            long allocated = allocatedBytes() - allocated0;
            Map<Long, Long> threadCpu1 = threadCpu();
            Durations.Snapshot syncsAfter = store == null ? null : store.journalSyncTimes();
            for (Thread t : threads) {
                t.join();
            }
            GroupCommit.Stats after = store == null ? null : store.stats();
            Materializer.Stats materializedAfter = store == null ? null : store.materializerStats();
            long journalBytes = store == null ? 0 : store.journalBytes() - journalBefore;
            long walBytes = persistent ? archivedWalBytes(work) - walBefore : 0;
            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            long orders = 0;
            long clientCpu = 0;
            List<Order> acknowledged = new ArrayList<>();
            for (Client w : workers) {
                synchronized (w) {
                    clientCpu += w.cpuNanos;
                    latency.add(w.latency);
                    orders += w.measured;
                    acknowledged.add(w.last);
                }
            }
            String storeLine = "no store";
            String walLine = "";
            if (store != null) {
                long groups = after.groups() - before.groups();
                long units = after.units() - before.units();
                storeLine = String.format("%d commits, %.1f commands and %.1f entries per commit, %.0f us per "
                        + "commit (%.0f us of it on the committer's CPU), %d over 5 ms",
                        groups, groups == 0 ? 0.0 : (double) units / groups,
                        groups == 0 ? 0.0 : (double) (after.entries() - before.entries()) / groups,
                        groups == 0 ? 0.0 : (after.writeNanos() - before.writeNanos()) / 1e3 / groups,
                        groups == 0 ? 0.0 : (after.writeCpuNanos() - before.writeCpuNanos()) / 1e3 / groups,
                        after.slowWrites() - before.slowWrites());
            }
            if (materializedAfter != null) {
                long batches = materializedAfter.batches() - materializedBefore.batches();
                long units = materializedAfter.units() - materializedBefore.units();
                storeLine += String.format("; Ignite written behind: %d commands/s in %d transactions of %.0f, "
                        + "%.0f us committer CPU per command, lag %d of at most %d",
                        Math.round(units / (elapsed / 1e9)), batches, batches == 0 ? 0.0 : (double) units / batches,
                        units == 0 ? 0.0
                                : (materializedAfter.writeCpuNanos() - materializedBefore.writeCpuNanos())
                                        / 1e3 / units,
                        materializedAfter.lag(), materializedAfter.maxLag());
                storeLine += String.format("; journal %.0f bytes per order", orders == 0 ? 0.0
                        : (double) journalBytes / orders);
            }
            if (persistent && orders > 0) {
                // Whole segments only (those archived while measuring): +- one segment.
                walLine = String.format(", WAL ~%.1f KB per order (%.0f MB/s)", walBytes / 1024.0 / orders,
                        walBytes / 1048576.0 / (elapsed / 1e9));
            }
            Result result = new Result(mode, orders, elapsed / 1e9, latency, storeLine + walLine);
            System.out.printf("%n%s: %d orders/s, ack latency p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us%n",
                    mode, result.perSecond(), latency.getValueAtPercentile(50) / 1e3,
                    latency.getValueAtPercentile(99) / 1e3, latency.getValueAtPercentile(99.9) / 1e3,
                    latency.getMaxValue() / 1e3);
            System.out.println("  store: " + storeLine + walLine);
            if (store != null) {
                // The acknowledgement's tail beside its parts, same window: the disk's syncs, the groups' writes
                // (sync included), each unit's hand-over to durable (the wait for the group before + its own
                // group), and how long after durable the acknowledger had run a group's callbacks.
                System.out.println("  tail: ack " + percentiles(latency));
                if (syncsAfter != null) {
                    System.out.println("  tail: journal fsync " + syncsAfter.minus(syncsBefore));
                }
                System.out.println("  tail: group write " + after.writes().minus(before.writes()));
                System.out.println("  tail: hand-over to durable " + after.waits().minus(before.waits()));
                System.out.println("  tail: durable to callbacks run " + after.callbacks().minus(before.callbacks()));
            }
            System.out.printf("  cpu: %.1f us per order for the whole process (%.2f cores busy), %.1f us of it on the "
                    + "client threads (OMS, encoding, waits), GC %d ms; %.0f bytes allocated per order "
                    + "(all threads)%n",
                    orders == 0 ? 0.0 : cpu / 1e3 / orders, cpu / (double) elapsed,
                    orders == 0 ? 0.0 : clientCpu / 1e3 / orders, gc, orders == 0 ? 0.0 : (double) allocated / orders);
            System.out.println("  threads: " + runnable);
            System.out.println("  threads: CPU per order by thread, " + cpuByThread(threadCpu0, threadCpu1, orders));
            System.out.println("  " + check(keeper, filled, store, acknowledged));
            if (subscriber != null) {
                System.out.println("  subscriber: " + subscriber);
            }
            // Opt-in: the OMS's recovery holds every stored order in memory once (~0.5 KB each), more than this
            // driver's 1 GB heap holds after a full-speed run of millions of orders.
            if (persistent && store.journaled() && Boolean.getBoolean("durable.restart")) {
                oms.close();
                store.close();
                grid.close();
                store = null;
                grid = null;
                System.out.println("  " + restart(settings(mode, work, persistent), journal, maxBatch, clock,
                        acknowledged));
            }
            return result;
        } finally {
            oms.close();
            if (store != null) {
                store.close();
            }
            if (grid != null) {
                grid.close();
            }
        }
    }

    /** The OMS of every mode: instant venue routed directly, 4 partitions, 10,000 finished orders retained. */
    private static OrderManager oms(IgniteTradingStore store, Clock clock, OrderListeners listeners) {
        return OrderManager.builder(id -> Optional.of(Instrument.equity(id.value(), "USD")), APPROVE).clock(clock)
                .listeners(listeners).router(new DirectRouter(null)).partitions(4).retainedOrders(10_000)
                .store(store).build();
    }

    private static GridSettings settings(String mode, Path work, boolean persistent) {
        // -Ddurable.port: another port pair, so two runs on one machine do not join each other's cluster.
        int port = Integer.getInteger("durable.port", 49900);
        return GridSettings.localNode("durable-bench-" + mode, work, port, port + 50)
                .withPersistence(persistent)
                .withWalSegmentMb(Integer.getInteger("durable.wal.segment.mb", 16))
                // A diagnostic (-Ddurable.wal.mode=LOG_ONLY): how much Ignite's own syncs cost the journal's.
                .withWalMode(GridSettings.WalMode.valueOf(System.getProperty("durable.wal.mode", "FSYNC")))
                // Without persistence every stored order stays in the region (~5 KB each with its events):
                // 512 MB filled up in a 35 s run and Ignite stopped the node.
                .withRegionMb(persistent ? 512 : 4096);
    }

    private static StoreSettings storeSettings(Path work, JournalMode journal, int maxBatch) {
        return StoreSettings.defaults(work).withMaxBatch(maxBatch).withJournal(journal)
                .withMaterializeMaxLag(Integer.getInteger("durable.max.lag", 50_000))
                .withJournalSegmentMb(Integer.getInteger("durable.journal.segment.mb", 64));
    }

    /**
     * The restart after the run: the grid node and the store opened again (the order index rebuilt from Ignite),
     * then an OMS recovering every order from it, timed; the clients' last acknowledged orders must be back.
     */
    private static String restart(GridSettings settings, JournalMode journal, int maxBatch, Clock clock,
            List<Order> acknowledged) {
        long t0 = System.nanoTime();
        try (EmbeddedGrid grid = EmbeddedGrid.start(settings, DurableMain.class.getClassLoader());
                IgniteTradingStore store = IgniteTradingStore.open(grid, storeSettings(settings.workDirectory(),
                        journal, maxBatch))) {
            long t1 = System.nanoTime();
            OrderManager oms = oms(store, clock, new OrderListeners());
            try {
                oms.recover();
                long t2 = System.nanoTime();
                for (Order order : acknowledged) {
                    if (order != null && !oms.order(order.id()).map(order::equals).orElse(false)) {
                        return "RESTART CHECK FAILED: acknowledged order " + order.id()
                                + " not recovered as acknowledged";
                    }
                }
                return String.format("restart: grid and store open with %,d orders in %.1f s (order index rebuilt from "
                        + "Ignite), the OMS recovered them in %.1f s; every client's last acknowledged order back",
                        store.orderCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            } finally {
                oms.close();
            }
        }
    }

    /** Positions equal the sums of fills; each client's last acknowledged order is in the store as returned. */
    private static String check(PositionKeeper keeper, Map<String, LongAdder> filled, IgniteTradingStore store,
            List<Order> acknowledged) {
        for (Position p : keeper.positions()) {
            LongAdder sum = filled.get(p.portfolioId() + "/" + p.instrumentId());
            if (sum == null || sum.sum() != p.quantity().raw()) {
                return "CHECK FAILED: position " + p.portfolioId() + "/" + p.instrumentId() + " " + p.quantity()
                        + " is not the sum of its fills";
            }
            if (store != null && !store.load(p.portfolioId(), p.instrumentId()).orElseThrow().equals(p)) {
                return "CHECK FAILED: stored position " + p.portfolioId() + "/" + p.instrumentId() + " differs";
            }
        }
        if (store != null) {
            for (Order order : acknowledged) {
                if (order != null && !store.order(order.id()).map(s -> s.order().equals(order)).orElse(false)) {
                    return "CHECK FAILED: acknowledged order " + order.id() + " is not in the store as acknowledged";
                }
            }
        }
        return "checks: " + keeper.positions().size() + " positions = sums of their fills"
                + (store != null ? ", stored positions and every client's last acknowledged order match the store"
                        : "");
    }

    /** An outside subscriber that counts the events it is given and checks each portfolio's sequence has no gap. */
    private static final class CountingSubscriber implements OrderEventSubscriber {
        private final Map<PortfolioId, Long> last = new HashMap<>();
        private long events;
        private long gaps;
        private volatile String dropped;

        @Override
        public synchronized void onEvent(OrderEvent event) {
            events++;
            Long previous = last.put(event.portfolioId(), event.sequence());
            if (previous != null && event.sequence() != previous + 1) {
                gaps++;
            }
        }

        @Override
        public void onDropped(String why) {
            dropped = why;
        }

        @Override
        public synchronized String toString() {
            return String.format(Locale.ROOT, "%,d events delivered once durable, %d gap(s) in the portfolios' "
                    + "sequences, %s", events, gaps, dropped == null ? "never dropped" : "DROPPED: " + dropped);
        }
    }

    private static final RiskService APPROVE = ScriptedRisk.approvingAll();

    /** Closed loop: the next order when the previous one was acknowledged; open loop: at scheduled times. */
    private static final class Client implements Runnable {
        private final OrderManager oms;
        private final String run;
        private final int id;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        volatile boolean running = true;
        volatile boolean measuring;
        long measured;
        /** CPU time of this client thread while measuring (submit, OMS, encoding, waiting). */
        long cpuNanos;
        Order last;

        Client(OrderManager oms, String run, int id, int clients) {
            this.oms = oms;
            this.run = run;
            this.id = id;
            this.portfolio = PortfolioId.of("pf-" + (id % PORTFOLIOS));
            this.period = rate > 0 ? (long) (1e9 * clients / rate) : 0;
            this.next = System.nanoTime() + (rate > 0 ? (long) (1e9 * id / rate) : 0);
        }

        /** The first failure of an asynchronous order; fails the run. */
        volatile Throwable failure;
        private final PortfolioId portfolio;
        /** Open loop: nanoseconds between this client's orders, and when the next one is due. */
        private final long period;
        private long next;

        /** The client's {@code n}-th order: a limit order that the instant venue fills. */
        private OrderRequest request(long n) {
            InstrumentId symbol = SYMBOLS[(int) (n % SYMBOLS.length)];
            Side side = (n / SYMBOLS.length) % 2 == 0 ? Side.BUY : Side.SELL;
            return OrderRequest.limit(ClientOrderId.of(run + "-" + id + "-" + n), portfolio, symbol, side,
                    Quantity.ofWhole(1 + n % 100), Price.ofWhole(100));
        }

        /**
         * Closed loop: now. Open loop: waits for the order's scheduled time and returns it (a client behind
         * schedule goes at once; the latency then counts from when the order was due).
         */
        private long awaitTurn() {
            long now = System.nanoTime();
            if (period == 0) {
                return now;
            }
            while (now < next) {
                LockSupport.parkNanos(next - now);
                now = System.nanoTime();
            }
            long due = next;
            next += period;
            return due;
        }

        @Override
        public void run() {
            if (window > 0) {
                runAsync();
                return;
            }
            long n = 0;
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = -1;
            while (running) {
                OrderRequest request = request(n);
                long t0 = awaitTurn();
                Order order = oms.submit(request);
                long t1 = System.nanoTime();
                n++;
                if (order.status() != OrderStatus.FILLED) {
                    throw new IllegalStateException(
                            "order " + order.id() + " " + order.status() + ": " + order.reason());
                }
                if (measuring) {
                    if (cpuStart < 0) {
                        cpuStart = threads.getCurrentThreadCpuTime();
                    }
                    latency.recordValue(Math.min(t1 - t0, latency.getHighestTrackableValue()));
                    measured++;
                    last = order;
                }
            }
            if (cpuStart >= 0) {
                cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            }
        }

        /**
         * Up to {@code window} orders in flight; each acknowledged by the store's committer through the future.
         * Latency from submission (open loop: from the scheduled time) to the acknowledgement.
         */
        private void runAsync() {
            Semaphore inFlight = new Semaphore(window);
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = -1;
            long n = 0;
            while (running && failure == null) {
                OrderRequest request = request(n);
                long t0 = awaitTurn();
                inFlight.acquireUninterruptibly();
                boolean measure = measuring;
                if (measure && cpuStart < 0) {
                    cpuStart = threads.getCurrentThreadCpuTime();
                }
                long submitted = t0;
                oms.submitAsync(request).whenComplete((order, e) -> {
                    long t1 = System.nanoTime();
                    inFlight.release();
                    if (e != null || order.status() != OrderStatus.FILLED) {
                        failure = e != null ? e
                                : new IllegalStateException("order " + order.id() + " "
                                        + order.status() + ": " + order.reason());
                        return;
                    }
                    if (measure) {
                        synchronized (this) {
                            latency.recordValue(Math.min(t1 - submitted, latency.getHighestTrackableValue()));
                            measured++;
                            last = order;
                        }
                    }
                });
                n++;
            }
            if (cpuStart >= 0) {
                cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            }
            inFlight.acquireUninterruptibly(window);
            if (failure != null) {
                throw new IllegalStateException("client " + id + ": " + failure.getMessage(), failure);
            }
        }
    }

    /** Bytes of the WAL segments archived so far (each complete segment is copied to the archive). */
    private static long archivedWalBytes(Path work) throws IOException {
        Path archive = work.resolve("db").resolve("wal").resolve("archive");
        if (!Files.isDirectory(archive)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> files = Files.walk(archive)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".wal")).toList()) {
                total += Files.size(f);
            }
        }
        return total;
    }

    /** {@code count: p50 ..., p99 ..., p99.9 ..., max ...} in microseconds, as {@link Durations.Snapshot} prints. */
    private static String percentiles(Histogram h) {
        return String.format(Locale.ROOT, "%,d: p50 %.0f us, p99 %.0f us, p99.9 %.0f us, max %.0f us",
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    /** Bytes allocated so far by the live threads (threads that ended are not counted). */
    /** CPU nanoseconds so far of every live thread, by id. */
    private static Map<Long, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /** The threads that used the most CPU between two {@link #threadCpu()} readings, µs per order (digits folded). */
    private static String cpuByThread(Map<Long, Long> before, Map<Long, Long> after, long orders) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byName = new HashMap<>();
        after.forEach((id, nanos) -> {
            ThreadInfo info = threads.getThreadInfo(id);
            if (info != null) {
                byName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos - before.getOrDefault(id, 0L),
                        Long::sum);
            }
        });
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long> comparingByValue(Comparator.reverseOrder()))
                .limit(10).map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(),
                        orders == 0 ? 0.0 : e.getValue() / 1e3 / orders))
                .collect(Collectors.joining(", ")) + " us";
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!(threads instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            return 0;
        }
        long total = 0;
        for (long bytes : sun.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory
                .getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Deletes a directory tree (the benchmarks' temporary work directories). */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
