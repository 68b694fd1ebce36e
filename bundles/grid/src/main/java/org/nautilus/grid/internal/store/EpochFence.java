package org.nautilus.grid.internal.store;

import static org.nautilus.grid.internal.store.IgniteTradingStore.META_EPOCH;

import java.util.Optional;
import org.apache.ignite.transactions.Transaction;
import org.nautilus.api.store.StoreException;
import org.nautilus.grid.internal.store.StateCodecs.Meta;

/**
 * The OMS leadership fence: the node that runs the OMS takes a new epoch, durably and cluster-wide, and from then on
 * its writes of OMS state (orders, events, positions) commit only while the stored epoch is still its own. A node
 * that lost the leadership without noticing (a long pause, a partition) thus cannot overwrite what the new leader
 * writes.
 */
final class EpochFence {

    private final StoreCaches caches;
    /** The epoch this node's OMS commits under; 0: not fenced (no OMS here). */
    private volatile long fence;

    EpochFence(StoreCaches caches) {
        this.caches = caches;
    }

    /**
     * Increments the leadership epoch in one transaction and fences this node's writes with it.
     *
     * @return the new epoch
     * @throws StoreException if the transaction fails ({@code where} names the store in the message)
     */
    long acquire(String where) {
        try (Transaction tx = caches.transaction(1)) {
            long epoch = caches.number(META_EPOCH) + 1;
            caches.meta.put(META_EPOCH, new Meta(epoch, caches.node));
            tx.commit();
            fence = epoch;
            return epoch;
        } catch (RuntimeException e) {
            throw new StoreException("could not take the OMS leadership epoch in " + where + ": " + e.getMessage(),
                    e);
        }
    }

    /** This node no longer runs the OMS. */
    void release() {
        fence = 0;
    }

    /** The current epoch and the node that took it, as stored. */
    Optional<Meta> current() {
        return caches.meta.get(META_EPOCH);
    }

    /** Inside a transaction: refuses OMS state from a node that no longer holds the OMS leadership. */
    void check(boolean omsState) {
        long fenced = fence;
        if (fenced > 0 && omsState) {
            long stored = caches.number(META_EPOCH);
            if (stored != fenced) {
                throw new StoreException("the OMS leadership moved (epoch " + stored + " now, this node's is "
                        + fenced + "): this node may no longer commit OMS state");
            }
        }
    }
}
