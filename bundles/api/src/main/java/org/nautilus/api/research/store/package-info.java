/**
 * The point-in-time factor store: the history of bars and factor values, and fundamentals kept bitemporally,
 * queried by factor, instruments and time range, as a cross-section at a moment, and "as of" a moment (seeing
 * only what was known then).
 *
 * <p>Times: a bar and the factor values computed on it are known at the bar's end ({@code FactorValue.asOf()});
 * a fundamental is known from its {@code published} time. A read "as of t" returns only what was known at t, so a
 * backtest or a training set built from it cannot look ahead.
 *
 * <p>{@link org.nautilus.api.research.store.FactorStore} is the store; {@link
 * org.nautilus.api.research.store.FactorBackfill} computes factor libraries over historical bars and writes them
 * into it; {@link org.nautilus.api.research.store.DistributedBackfill} splits a backfill by instrument
 * partition across the nodes of a cluster, each node computing and writing the instruments it owns.
 *
 * <p>1.1: {@code FactorStore.fundamentalHistory}, every revision of an instrument's fundamentals;
 * {@code DistributedBackfill} and {@code ClusterBackfillResult}.
 *
 * <p>1.2: {@code FactorStore.barSpecs} (the bar series stored, which a backfill reads) and {@code
 * fundamentalsWritten} (for readers that keep fundamentals, e.g. the live engine's {@code $eps}).
 */
@Export
@Version("1.3.0")
package org.nautilus.api.research.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
