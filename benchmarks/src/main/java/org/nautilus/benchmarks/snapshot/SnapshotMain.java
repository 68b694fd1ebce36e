package org.nautilus.benchmarks.snapshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.InstrumentId;
import org.nautilus.api.domain.Money;
import org.nautilus.api.domain.Order;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.domain.OrderRequest;
import org.nautilus.api.domain.OrderStatus;
import org.nautilus.api.domain.PortfolioId;
import org.nautilus.api.domain.Position;
import org.nautilus.api.domain.Price;
import org.nautilus.api.domain.Quantity;
import org.nautilus.api.domain.Side;
import org.nautilus.api.domain.VenueId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderEventType;
import org.nautilus.api.snapshot.RestoreResult;
import org.nautilus.api.snapshot.SnapshotInfo;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.StoredOrder;
import org.nautilus.benchmarks.durable.DurableMain;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.store.IgniteTradingStore;
import org.nautilus.grid.internal.store.LocalFolderTarget;
import org.nautilus.grid.internal.store.Snapshots;
import org.nautilus.grid.internal.store.StandaloneStore;

/**
 * Snapshot of N filled orders on one persistent node (the embedded default: journal, Ignite behind it): time to take
 * it (catch-up of the caches, Ignite's snapshot), its size, time to restore it into a fresh node (another work
 * directory and consistent id) with the store open again, and a check that every order came back.
 * Arguments: orders (default 100,000), runs (default 3).
 */
public final class SnapshotMain {

    private SnapshotMain() {
    }

    static StandaloneStore node(Path dir, String name) {
        return new StandaloneStore(GridSettings.localNode(name, dir.resolve(name), 48791, 48891),
                SnapshotMain.class.getClassLoader());
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            Path dir = Files.createTempDirectory("nautilus-snapshot-bench");
            try {
                lines.add(run(dir, orders));
                System.out.println(lines.get(lines.size() - 1));
            } finally {
                DurableMain.delete(dir);
            }
        }
        System.out.println("snapshot: " + String.join(" | ", lines));
    }

    private static String run(Path dir, int count) throws Exception {
        Clock clock = Clock.systemUTC();
        LocalFolderTarget target = new LocalFolderTarget(dir.resolve("snapshots"));
        SnapshotInfo info;
        long t0 = System.nanoTime();
        try (StandaloneStore a = node(dir, "bench-a")) {
            Snapshots snapshots = new Snapshots(a.grid(), a, target, dir.resolve("staging-a"), clock);
            Commit last = Commit.DONE;
            for (long id = 1; id <= count; id++) {
                last = write(a.store(), id);
            }
            last.await();
            System.out.printf("  %,d orders written in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
            info = snapshots.create("bench");
        }
        RestoreResult restored;
        try (StandaloneStore b = node(dir, "bench-b")) {
            Snapshots snapshots = new Snapshots(b.grid(), b, target, dir.resolve("staging-b"), clock);
            restored = snapshots.restore("bench");
            if (restored.orders() != count || b.store().order(OrderId.of(count)).isEmpty()
                    || b.store().order(OrderId.of(1)).isEmpty()) {
                throw new IllegalStateException("restore incomplete: " + restored.orders() + " of " + count);
            }
        }
        return String.format("%,d orders: take %.2f s, %.1f MB, restore %.2f s (verified %,d orders, %,d positions)",
                count, info.takeMillis() / 1e3, info.sizeBytes() / 1048576.0, restored.millis() / 1e3,
                restored.orders(), restored.positions());
    }

    /** One filled market order and its position, as the OMS writes them in one unit of work. */
    private static Commit write(IgniteTradingStore store, long id) {
        Instant now = Instant.now();
        PortfolioId portfolio = PortfolioId.of("p" + (id % 8));
        InstrumentId instrument = InstrumentId.of("I" + (id % 200));
        OrderRequest request = OrderRequest.market(ClientOrderId.of("b-" + id), portfolio, instrument, Side.BUY,
                Quantity.ofWhole(1));
        Order created = new Order(OrderId.of(id), request, OrderStatus.INITIALIZED, Quantity.ZERO, null,
                VenueId.of("SIM"), null, now, now);
        Order filled = new Order(OrderId.of(id), request, OrderStatus.FILLED, Quantity.ofWhole(1), Price.ofWhole(100),
                VenueId.of("SIM"), null, now, now);
        Fill fill = new Fill("x-" + id, OrderId.of(id), portfolio, instrument, VenueId.of("SIM"), Side.BUY,
                Quantity.ofWhole(1), Price.ofWhole(100), Money.ZERO, now);
        store.begin();
        store.record(StoredOrder.of(created, 1),
                new OrderEvent(1, OrderEventType.INITIALIZED, created, null, null, now, 0));
        store.record(StoredOrder.of(filled, 2), new OrderEvent(2, OrderEventType.FILL, filled, fill, null, now, 0));
        store.save(new Position(portfolio, instrument, Quantity.ofWhole(id), Price.ofWhole(100), Money.ZERO,
                Money.ZERO, id, now));
        return store.end();
    }
}
