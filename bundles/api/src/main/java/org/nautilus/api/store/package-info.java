/**
 * The durable store of the trading state (orders, order events, fills, positions, idempotency keys, risk
 * state), implemented by the grid bundle on Ignite with native persistence.
 *
 * <h2>Units of work and group commit</h2>
 * A writer opens a unit of work on its thread ({@link org.nautilus.api.store.TradingStore#begin()}), makes its
 * writes (the OMS its orders and events, the position keeper its positions through the same provider's
 * {@link org.nautilus.api.portfolio.PositionStore}), and closes it ({@link org.nautilus.api.store.TradingStore#end()}).
 * Everything written in one unit commits atomically, in one transaction; several units are committed together
 * (group commit), so one log sync serves many commands. A {@link org.nautilus.api.store.Commit} says when the unit
 * is durable; a command is acknowledged only after that.
 *
 * <h2>FIX sessions</h2>
 * {@link org.nautilus.api.store.FixSessionStore} keeps the sequence numbers and sent messages of FIX sessions where
 * every node can read them, so a client that reconnects to another node after a failover resumes its session.
 */
@Export
@Version("2.1.0")
package org.nautilus.api.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
