package org.nautilus.itests.durability.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.marketdata.MarketDataService;
import org.nautilus.api.oms.OrderService;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Test-only load generator: if {@code ${karaf.home}/durability-load.properties} exists when this bundle starts, it
 * renames it (so a restart does not fire again), then sends orders with {@link OrderService#submitAsync} from one
 * sender thread, open loop: on a fixed schedule when a rate is given (a slow answer does not delay the next send),
 * with at most {@code in.flight} orders sent and not yet answered. It appends one line per ACKNOWLEDGED order (one
 * write per line, so a killed process loses at most the line being written) to the acknowledgement file:
 * {@code clientOrderId,orderId,status,filled,side,symbol,portfolio,type,acknowledgedAtMillis,ackMicros}; the last is
 * measured from the order's scheduled send time (its send when no rate is given) to its acknowledgement, retries
 * included, so a stall shows as latency of every order it held back instead of being hidden by sending less
 * (coordinated omission).
 *
 * <p>Plan keys: {@code threads} (order streams, named so from when each was a blocking thread: stream {@code s}
 * sends client order ids {@code <prefix>-s-0, -1, ...} for portfolio {@code dur-<s % 4>}), {@code orders.per.thread},
 * {@code prefix} (client order ids), {@code acks} (file), {@code limit.every} (every Nth order is a LIMIT buy 3 %
 * under the mark, which rests open at the venue), {@code retry.ms} (how long to keep resubmitting an order, with the
 * same client order id, while the OMS answers with the retryable {@link OrderServiceUnavailableException}: a
 * failover; 0 = give up at once), {@code rate} (orders per second of all streams together; 0 = as fast as the
 * in-flight bound lets), {@code in.flight} (default: {@code threads}, as many as the blocking threads had),
 * {@code seconds} (stop after this long instead of after {@code orders.per.thread}; 0 = by count). When every order
 * is answered it writes {@code <acks>.done}.
 */
@Component(immediate = true)
public final class LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final InstrumentId[] SYMBOLS = {InstrumentId.of("AAPL"), InstrumentId.of("MSFT")};
    private static final long RETRY_PAUSE_MS = 50;

    /** The plan file's keys. */
    private record Plan(int streams, int perStream, String prefix, int limitEvery, long retryMillis, double rate,
            int inFlight, long seconds, String acks) {

        static Plan of(Properties p) {
            int streams = Integer.parseInt(p.getProperty("threads", "8"));
            return new Plan(streams, Integer.parseInt(p.getProperty("orders.per.thread", "1000")),
                    p.getProperty("prefix", "L"), Integer.parseInt(p.getProperty("limit.every", "10")),
                    Long.parseLong(p.getProperty("retry.ms", "0")), Double.parseDouble(p.getProperty("rate", "0")),
                    Integer.parseInt(p.getProperty("in.flight", String.valueOf(streams))),
                    Long.parseLong(p.getProperty("seconds", "0")), p.getProperty("acks", "durability-acks.csv"));
        }
    }

    private final OrderService orders;
    private final MarketDataService marketData;
    private volatile boolean running = true;
    private Thread sender;
    private Semaphore inFlight;
    private int maxInFlight;
    /** Records acknowledgements and schedules retries: never on the store's thread that completes an order. */
    private ScheduledExecutorService answers;
    private FileChannel acks;

    @Activate
    public LoadGenerator(@Reference OrderService orders, @Reference MarketDataService marketData) throws IOException {
        this.orders = orders;
        this.marketData = marketData;
        Path home = Paths.get(System.getProperty("karaf.home", "."));
        Path planFile = home.resolve("durability-load.properties");
        if (!Files.exists(planFile)) {
            LOG.info("durability load: no plan at {}, nothing to do", planFile);
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(planFile)) {
            p.load(in);
        }
        Files.move(planFile, home.resolve("durability-load.properties.started"), StandardCopyOption.REPLACE_EXISTING);
        Plan plan = Plan.of(p);
        maxInFlight = plan.inFlight();
        inFlight = new Semaphore(maxInFlight);
        acks = FileChannel.open(home.resolve(plan.acks()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        answers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "durability-load-answers");
            t.setDaemon(true);
            return t;
        });
        LOG.info("durability load: {} streams x {} orders, {} orders/s, at most {} in flight", plan.streams(),
                plan.seconds() > 0 ? "(" + plan.seconds() + " s)" : plan.perStream(), plan.rate(), maxInFlight);
        sender = new Thread(() -> send(plan, home.resolve(plan.acks() + ".done")), "durability-load");
        sender.setDaemon(true);
        sender.start();
    }

    private void send(Plan plan, Path done) {
        long intervalNanos = plan.rate() > 0 ? (long) (1e9 / plan.rate()) : 0;
        long start = System.nanoTime();
        long endNanos = plan.seconds() > 0 ? start + plan.seconds() * 1_000_000_000L : Long.MAX_VALUE;
        long total = plan.seconds() > 0 ? Long.MAX_VALUE : (long) plan.streams() * plan.perStream();
        try {
            for (long k = 0; k < total && running; k++) {
                long scheduled = intervalNanos > 0 ? start + k * intervalNanos : System.nanoTime();
                if (endNanos != Long.MAX_VALUE && scheduled - endNanos >= 0) {
                    break;
                }
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                // When the bound is reached the schedule waits here; those orders' latency counts the wait.
                inFlight.acquire();
                if (intervalNanos == 0) {
                    scheduled = System.nanoTime();
                }
                int stream = (int) (k % plan.streams());
                OrderRequest request = request(plan, stream, (int) (k / plan.streams()));
                attempt(request, scheduled, System.nanoTime() + plan.retryMillis() * 1_000_000L);
            }
            // Every order answered (acknowledged or given up) before saying done.
            while (!inFlight.tryAcquire(maxInFlight, 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    return;
                }
            }
            inFlight.release(maxInFlight);
            Files.writeString(done, "done\n");
            LOG.info("durability load: done");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.error("durability load: cannot write {}", done, e);
        }
    }

    private OrderRequest request(Plan plan, int stream, int n) {
        PortfolioId portfolio = PortfolioId.of("dur-" + (stream % 4));
        InstrumentId symbol = SYMBOLS[n % SYMBOLS.length];
        ClientOrderId id = ClientOrderId.of(plan.prefix() + "-" + stream + "-" + n);
        Quantity quantity = Quantity.ofWhole(1 + (n % 7));
        Price mark = marketData.mark(symbol).orElse(null);
        if (plan.limitEvery() > 0 && n % plan.limitEvery() == plan.limitEvery() - 1 && mark != null) {
            Price below = new Price(mark.raw() / 100 * 97 / 1_000_000 * 1_000_000);
            return OrderRequest.limit(id, portfolio, symbol, Side.BUY, quantity, below);
        }
        return OrderRequest.market(id, portfolio, symbol, (n / 2) % 2 == 0 ? Side.BUY : Side.SELL, quantity);
    }

    /** Sends (or sends again) one order; its answer is handled on {@link #answers}. */
    private void attempt(OrderRequest request, long scheduled, long retryDeadline) {
        CompletionStage<Order> answer;
        try {
            answer = orders.submitAsync(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((order, failed) -> answered(request, scheduled, retryDeadline, order, failed),
                answers);
    }

    /** Records an acknowledgement, or retries a retryable refusal with the same client order id until the deadline. */
    private void answered(OrderRequest request, long scheduled, long retryDeadline, Order order, Throwable failed) {
        if (failed == null) {
            record(order, (System.nanoTime() - scheduled) / 1_000);
            inFlight.release();
            return;
        }
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null
                ? failed.getCause()
                : failed;
        if (cause instanceof OrderServiceUnavailableException && running && retryDeadline - System.nanoTime() > 0) {
            answers.schedule(() -> attempt(request, scheduled, retryDeadline), RETRY_PAUSE_MS, TimeUnit.MILLISECONDS);
            return;
        }
        if (running) {
            LOG.warn("durability load: {} not acknowledged: {}", request.clientOrderId(), cause.toString());
        }
        inFlight.release();
    }

    /** On {@link #answers} only. */
    private void record(Order o, long micros) {
        String line = o.clientOrderId() + "," + o.id() + "," + o.status() + "," + o.filledQuantity() + "," + o.side()
                + "," + o.instrumentId() + "," + o.portfolioId() + "," + o.request().type() + ","
                + System.currentTimeMillis() + "," + micros + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            while (bytes.hasRemaining()) {
                acks.write(bytes);
            }
        } catch (IOException e) {
            if (acks.isOpen()) {
                LOG.error("durability load: cannot record {}", o.clientOrderId(), e);
            }
        }
    }

    @Deactivate
    void stop() throws IOException, InterruptedException {
        running = false;
        if (sender == null) {
            return;
        }
        sender.interrupt();
        sender.join(5000);
        // Orders in flight may still be acknowledged: record them if they come soon (an unrecorded one is not counted).
        if (inFlight.tryAcquire(maxInFlight, 5, TimeUnit.SECONDS)) {
            inFlight.release(maxInFlight);
        }
        answers.shutdown();
        answers.awaitTermination(5, TimeUnit.SECONDS);
        acks.close();
    }
}
