package org.nautilus.grid.internal.store;

/**
 * Holds the open trading store of this node and can close it for work on its caches (a restore), then open it
 * again. Registered inside the bundle by {@link GridStoreComponent}, which publishes the store's services.
 */
public interface StoreHost {

    /** The open store, {@code null} while it is closed or could not open. */
    IgniteTradingStore store();

    StoreSettings settings();

    /**
     * Closes the store (its services are withdrawn, so the OMS and the position keeper stop), runs {@code work}, and
     * opens the store again (they recover from it).
     *
     * @return the store opened again
     * @throws IllegalStateException if it does not open again (the log says why)
     */
    IgniteTradingStore reopenAfter(Work work);

    /** Work done while the store is closed. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }
}
