package org.nautilus.grid.internal.store;

import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;

/**
 * A grid node and its trading store outside OSGi (tests, benchmarks, tools), as a {@link StoreHost}: closes and
 * reopens the store for a restore the way {@link GridStoreComponent} does, without services to withdraw.
 */
public final class StandaloneStore implements StoreHost, AutoCloseable {

    private final EmbeddedGrid grid;
    private final StoreSettings settings;
    private IgniteTradingStore store;

    /** Starts the node and opens its store with the default store settings for its work directory. */
    public StandaloneStore(GridSettings gridSettings, ClassLoader classLoader) {
        grid = EmbeddedGrid.start(gridSettings, classLoader);
        settings = StoreSettings.defaults(gridSettings.workDirectory());
        try {
            store = IgniteTradingStore.open(grid, settings);
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    public EmbeddedGrid grid() {
        return grid;
    }

    @Override
    public IgniteTradingStore store() {
        return store;
    }

    @Override
    public StoreSettings settings() {
        return settings;
    }

    @Override
    public IgniteTradingStore reopenAfter(Work work) {
        store.close();
        store = null;
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } finally {
            store = IgniteTradingStore.open(grid, settings);
        }
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
            store = null;
        }
        grid.close();
    }
}
