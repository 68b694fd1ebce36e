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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
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
 * renames it (so a restart does not fire again), then fires orders through {@link OrderService} from several
 * threads and appends one line per ACKNOWLEDGED order (one write per line, so a killed process loses at most the
 * line being written) to the acknowledgement file: {@code clientOrderId,orderId,status,filled,side,symbol,portfolio,type,
 * acknowledgedAtMillis,ackMicros} (the last: from the submit call to its answer, retries included).
 *
 * <p>Plan keys: {@code threads}, {@code orders.per.thread}, {@code prefix} (client order ids), {@code acks} (file),
 * {@code limit.every} (every Nth order is a LIMIT buy 3 % under the mark, which rests open at the venue),
 * {@code retry.ms} (how long to keep resubmitting an order, with the same client order id, while the OMS answers
 * with the retryable {@link OrderServiceUnavailableException}: a failover; 0 = give up at once), {@code rate} (orders
 * per second of all threads together, paced per thread; 0 = as fast as answered), {@code seconds} (stop after this
 * long instead of after {@code orders.per.thread}; 0 = by count). When every thread is done it writes
 * {@code <acks>.done}.
 */
@Component(immediate = true)
public final class LoadGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);
    private static final InstrumentId[] SYMBOLS = {InstrumentId.of("AAPL"), InstrumentId.of("MSFT")};

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private FileChannel acks;

    @Activate
    public LoadGenerator(@Reference OrderService orders, @Reference MarketDataService marketData) throws IOException {
        Path home = Paths.get(System.getProperty("karaf.home", "."));
        Path plan = home.resolve("durability-load.properties");
        if (!Files.exists(plan)) {
            LOG.info("durability load: no plan at {}, nothing to do", plan);
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(plan)) {
            p.load(in);
        }
        Files.move(plan, home.resolve("durability-load.properties.started"), StandardCopyOption.REPLACE_EXISTING);
        int threadCount = Integer.parseInt(p.getProperty("threads", "8"));
        int perThread = Integer.parseInt(p.getProperty("orders.per.thread", "1000"));
        String prefix = p.getProperty("prefix", "L");
        int limitEvery = Integer.parseInt(p.getProperty("limit.every", "10"));
        long retryMillis = Long.parseLong(p.getProperty("retry.ms", "0"));
        double rate = Double.parseDouble(p.getProperty("rate", "0"));
        long intervalNanos = rate > 0 ? (long) (1e9 * threadCount / rate) : 0;
        long seconds = Long.parseLong(p.getProperty("seconds", "0"));
        long endNanos = seconds > 0 ? System.nanoTime() + seconds * 1_000_000_000L : Long.MAX_VALUE;
        Path done = home.resolve(p.getProperty("acks", "durability-acks.csv") + ".done");
        AtomicInteger remaining = new AtomicInteger(
                Integer.parseInt(p.getProperty("threads", "8")));
        acks = FileChannel.open(home.resolve(p.getProperty("acks", "durability-acks.csv")), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        LOG.info("durability load: {} threads x {} orders", threadCount, perThread);
        for (int t = 0; t < threadCount; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                fire(orders, marketData, prefix, thread, seconds > 0 ? Integer.MAX_VALUE : perThread, limitEvery,
                        retryMillis, intervalNanos, endNanos);
                if (remaining.decrementAndGet() == 0) {
                    try {
                        Files.writeString(done, "done\n");
                    } catch (IOException e) {
                        LOG.error("durability load: cannot write {}", done, e);
                    }
                }
            }, "durability-load-" + t);
            worker.setDaemon(true);
            threads.add(worker);
            worker.start();
        }
    }

    private void fire(OrderService orders, MarketDataService marketData, String prefix, int thread, int count,
            int limitEvery, long retryMillis, long intervalNanos, long endNanos) {
        PortfolioId portfolio = PortfolioId.of("dur-" + (thread % 4));
        long next = System.nanoTime();
        for (int n = 0; n < count && running && System.nanoTime() - endNanos < 0; n++) {
            if (intervalNanos > 0) {
                // Open loop: the schedule does not wait for slow answers, so a pause shows up as latency.
                next += intervalNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            InstrumentId symbol = SYMBOLS[n % SYMBOLS.length];
            ClientOrderId id = ClientOrderId.of(prefix + "-" + thread + "-" + n);
            Quantity quantity = Quantity.ofWhole(1 + (n % 7));
            OrderRequest request;
            Price mark = marketData.mark(symbol).orElse(null);
            if (limitEvery > 0 && n % limitEvery == limitEvery - 1 && mark != null) {
                Price below = new Price(mark.raw() / 100 * 97 / 1_000_000 * 1_000_000);
                request = OrderRequest.limit(id, portfolio, symbol, Side.BUY, quantity, below);
            } else {
                request = OrderRequest.market(id, portfolio, symbol, (n / 2) % 2 == 0 ? Side.BUY : Side.SELL, quantity);
            }
            long sent = System.nanoTime();
            Order order = submit(orders, request, retryMillis);
            if (order != null) {
                record(order, (System.nanoTime() - sent) / 1_000);
            }
        }
        LOG.info("durability load: thread {} done", thread);
    }

    /** The acknowledged order, or {@code null}; retryable refusals are retried with the same client order id. */
    private Order submit(OrderService orders, OrderRequest request, long retryMillis) {
        long deadline = System.nanoTime() + retryMillis * 1_000_000L;
        while (running) {
            try {
                return orders.submit(request);
            } catch (OrderServiceUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("durability load: {} not acknowledged: {}", request.clientOrderId(), e.getMessage());
                    return null;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            } catch (RuntimeException e) {
                LOG.warn("durability load: {} not acknowledged: {}", request.clientOrderId(), e.toString());
                return null;
            }
        }
        return null;
    }

    private void record(Order o, long micros) {
        String line = o.clientOrderId() + "," + o.id() + "," + o.status() + "," + o.filledQuantity() + "," + o.side()
                + "," + o.instrumentId() + "," + o.portfolioId() + "," + o.request().type() + ","
                + System.currentTimeMillis() + "," + micros + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            try {
                while (bytes.hasRemaining()) {
                    acks.write(bytes);
                }
            } catch (IOException e) {
                LOG.error("durability load: cannot record {}", o.clientOrderId(), e);
            }
        }
    }

    @Deactivate
    void stop() throws IOException, InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(5000);
        }
        if (acks != null) {
            acks.close();
        }
    }
}
