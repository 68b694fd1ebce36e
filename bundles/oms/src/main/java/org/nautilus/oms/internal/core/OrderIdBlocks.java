package org.nautilus.oms.internal.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.TradingStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order ids from blocks reserved durably in the store, each reserved before any id of it is used. The next block is
 * reserved in the background once half of the current one is handed out, so taking an id (on a partition's writer,
 * under its partition) does not wait for the store's durable write: in a node that write is an Ignite transaction
 * with a WAL sync, tens of milliseconds on a loaded disk, during which every partition's writer stood still once per
 * block. If the block ahead is not there when the current one runs out (a burst faster than one reservation, or the
 * background one failed), the block is reserved at once, as before.
 *
 * <p>A block reserved ahead and never used (the OMS stopped) leaves a gap in the ids, like the unused rest of a
 * block; ids stay unique and increasing per node run.
 */
final class OrderIdBlocks {

    private static final Logger LOG = LoggerFactory.getLogger(OrderIdBlocks.class);

    private final TradingStore store;
    private final int block;
    private final Executor reserver;
    private long next;
    private long limit;
    /** The first id of the block reserved ahead, or {@code null} while none is asked for. */
    private CompletableFuture<Long> ahead;

    /**
     * @param reserver where the reservation ahead runs (its own daemon thread in the OMS; the calling thread in
     *                 tests that want it deterministic)
     */
    OrderIdBlocks(TradingStore store, int block, Executor reserver) {
        if (block < 2) {
            throw new IllegalArgumentException("an id block must hold at least 2 ids, got " + block);
        }
        this.store = store;
        this.block = block;
        this.reserver = reserver;
    }

    /** A reserver that runs each reservation on a new daemon thread (one per block: a few per second at most). */
    static Executor backgroundThread() {
        return work -> {
            Thread thread = new Thread(work, "nautilus-oms-order-ids");
            thread.setDaemon(true);
            thread.start();
        };
    }

    /**
     * The next id.
     *
     * @throws StoreException if no block could be reserved
     */
    synchronized long next() {
        if (next >= limit) {
            long first = takeAhead();
            next = first;
            limit = first + block;
        }
        long id = next++;
        if (ahead == null && limit - next <= block / 2) {
            ahead = reserveAhead();
        }
        return id;
    }

    /** The id {@link #next} will return (reserving a block if needed). */
    synchronized long peek() {
        long id = next();
        next--;
        return id;
    }

    private CompletableFuture<Long> reserveAhead() {
        try {
            return CompletableFuture.supplyAsync(() -> store.reserveOrderIds(block), reserver);
        } catch (RuntimeException e) {
            // No thread for it: the block is reserved when needed.
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The block reserved ahead, or one reserved now if there is none or its reservation failed. */
    private long takeAhead() {
        CompletableFuture<Long> reserved = ahead;
        ahead = null;
        if (reserved != null) {
            try {
                return reserved.join();
            } catch (CompletionException e) {
                LOG.warn("order ids reserved ahead are not there ({}); reserving a block now",
                        e.getCause() != null ? e.getCause().toString() : e.toString());
            }
        }
        return store.reserveOrderIds(block);
    }
}
