package org.nautilus.oms.internal.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nautilus.api.domain.ClientOrderId;
import org.nautilus.api.domain.Fill;
import org.nautilus.api.domain.OrderId;
import org.nautilus.api.oms.OrderEvent;
import org.nautilus.api.oms.OrderServiceUnavailableException;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.TradingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OMS's gateway to its {@link TradingStore} (not a journal: the store keeps one, or none; this is the OMS's
 * side of it): opens and ends the unit of work of each partition step, records every change of an order in it,
 * hands out order ids from durably reserved blocks, and turns a failed commit into a halted OMS. Without a store
 * (tests, benchmarks of the core) everything stays in memory.
 *
 * <p>A failed commit leaves the memory ahead of the store, so the OMS stops taking commands (they fail with the
 * retryable {@link OrderServiceUnavailableException}) until it is restarted and recovers from the store.
 */
final class StoreGateway {

    private static final Logger LOG = LoggerFactory.getLogger(StoreGateway.class);

    /** Order ids reserved per store round trip: one durable write per this many orders. */
    static final int ID_BLOCK = 1000;

    private final TradingStore store;
    /** Ids without a store: a plain counter. */
    private long nextId;
    /** Ids with a store: blocks reserved durably, the next one ahead of need. */
    private final OrderIdBlocks ids;
    private volatile String failure;
    /** Per thread: what waits for the thread's unit of work to be durable. */
    private final ThreadLocal<List<Consumer<StoreException>>> afterCommit = ThreadLocal.withInitial(ArrayList::new);

    StoreGateway(TradingStore store, long firstOrderId) {
        this.store = store;
        this.nextId = firstOrderId;
        this.ids = store == null ? null : new OrderIdBlocks(store, ID_BLOCK, OrderIdBlocks.backgroundThread());
    }

    boolean durable() {
        return store != null;
    }

    TradingStore store() {
        return store;
    }

    /** Opens (or joins) the calling thread's unit of work. */
    void begin() {
        if (store != null) {
            store.begin();
        }
    }

    /**
     * Ends the calling thread's unit; the commit to await (outermost end) or {@link Commit#DONE}. The outermost end
     * hands the unit's {@link #afterCommit} actions to its commit.
     */
    Commit end() {
        if (store == null) {
            return Commit.DONE;
        }
        Commit commit;
        try {
            commit = store.end();
        } catch (StoreException e) {
            fail(e);
            if (!store.inUnitOfWork()) {
                takeAfterCommit().forEach(action -> action.accept(e));
            }
            throw unavailable();
        }
        if (!afterCommit.get().isEmpty() && !store.inUnitOfWork()) {
            List<Consumer<StoreException>> actions = takeAfterCommit();
            commit.whenDone(failure -> actions.forEach(action -> action.accept(failure)));
        }
        return commit;
    }

    /**
     * Runs {@code action} once the calling thread's unit of work is durable (with {@code null}) or failed (with
     * why), on the store's committer thread or the thread that learns it: it must be short and must not block.
     * Without a store, at once. A nested step's actions wait for the outermost unit, which carries its writes.
     */
    void afterCommit(Consumer<StoreException> action) {
        if (store == null) {
            action.accept(null);
        } else {
            afterCommit.get().add(action);
        }
    }

    private List<Consumer<StoreException>> takeAfterCommit() {
        List<Consumer<StoreException>> pending = afterCommit.get();
        List<Consumer<StoreException>> taken = List.copyOf(pending);
        pending.clear();
        return taken;
    }

    /** {@code true} if the calling thread already has a unit open (a nested step must not wait for it). */
    boolean inUnit() {
        return store != null && store.inUnitOfWork();
    }

    /** Records a change of {@code record}; {@code event} is {@code null} for a change of working state only. */
    void record(OrderRecord record, OrderEvent event) {
        if (store != null) {
            store.record(record.stored(), event);
        }
    }

    /**
     * Waits until {@code commit} is durable.
     *
     * @throws OrderServiceUnavailableException if it failed: the OMS is halted from then on
     */
    void await(Commit commit) {
        try {
            commit.await();
        } catch (StoreException e) {
            fail(e);
            throw unavailable();
        }
    }

    /**
     * Completes {@code future} with {@code value} once {@code commit} is durable, without a thread waiting for it; if
     * the commit failed, the OMS halts and the future fails with {@link OrderServiceUnavailableException}.
     */
    <T> void complete(Commit commit, CompletableFuture<T> future,
            Supplier<T> value) {
        commit.whenDone(failed -> {
            if (failed == null) {
                try {
                    future.complete(value.get());
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            } else {
                fail(failed);
                future.completeExceptionally(unavailable());
            }
        });
    }

    /** @throws OrderServiceUnavailableException if the OMS is halted */
    void checkAvailable() {
        if (failure != null) {
            throw unavailable();
        }
    }

    boolean failed() {
        return failure != null;
    }

    String failure() {
        return failure;
    }

    void fail(Throwable cause) {
        if (failure == null) {
            failure = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            LOG.error("OMS halted: a commit to {} failed, memory and store may differ; restart to recover from "
                    + "the store: {}", store == null ? "the store" : store.description(), failure, cause);
        }
    }

    /** The next order id: from a block reserved in the store (durably, before any id of it is used). */
    long nextId() {
        if (ids == null) {
            synchronized (this) {
                return nextId++;
            }
        }
        try {
            return ids.next();
        } catch (StoreException e) {
            fail(e);
            throw unavailable();
        }
    }

    /** The id the next new order will get (reserving a block if needed). */
    long peekNextId() {
        if (ids == null) {
            synchronized (this) {
                return nextId;
            }
        }
        try {
            return ids.peek();
        } catch (StoreException e) {
            fail(e);
            throw unavailable();
        }
    }

    Optional<OrderId> orderId(ClientOrderId clientOrderId) {
        return store == null ? Optional.empty() : store.orderId(clientOrderId);
    }

    List<OrderEvent> events(OrderId id) {
        return store == null ? List.of() : store.events(id);
    }

    List<Fill> fills(OrderId id) {
        return store == null ? List.of() : store.fills(id);
    }

    private OrderServiceUnavailableException unavailable() {
        return new OrderServiceUnavailableException("the OMS is halted because its store failed (" + failure
                + "); restart it to recover from the store, then retry (a retried submit with the same client "
                + "order id is applied at most once)");
    }
}
