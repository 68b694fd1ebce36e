package org.nautilus.grid.internal.node;

import org.apache.ignite.Ignite;

/**
 * A running Ignite node, registered inside this bundle so that the stores built on it (positions now; orders,
 * events, fills and idempotency keys later) start after it and stop before it. Private to the bundle: Ignite
 * types never leave it.
 */
public interface Grid {

    Ignite ignite();

    GridSettings settings();

    /** Human-readable summary, e.g. {@code persistent, WAL FSYNC, /opt/nautilus/data/ignite}. */
    default String describe() {
        GridSettings s = settings();
        return s.persistenceEnabled()
                ? "persistent, WAL " + s.walMode() + ", " + s.workDirectory()
                : "in memory only (persistence.enabled=false)";
    }
}
