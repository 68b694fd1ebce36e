/**
 * Camel routes loaded from route files: what runs, from which file, and in which state; and the market data files
 * the replays read, for other readers (a backtest) since 1.2.
 */
@Export
@Version("1.2.0")
package org.nautilus.api.routes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
