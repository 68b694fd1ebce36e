/**
 * Pre-trade risk: the {@link org.nautilus.api.risk.RiskRule} plugin SPI and the risk service that runs the rules;
 * the kill switch ({@link org.nautilus.api.risk.TradingStateService}); risk metrics
 * ({@link org.nautilus.api.risk.RiskMetricsService}).
 *
 * <p>A rule never throws for a business rejection: it returns a {@link org.nautilus.api.risk.RiskDecision}
 * naming itself, a stable reason code and a message with the numbers. A rule is a function of the order, the
 * {@link org.nautilus.api.risk.RiskContext} (market, positions, open orders, daily P&amp;L, equity, recently
 * approved orders) and its own configuration; the engine keeps the state (it records each approved order),
 * so rules stay side-effect free.
 *
 * <p>Each rule is its own plugin bundle; the risk engine ships none. A rule that is not registered is not run,
 * unless the engine's configuration makes it mandatory: then every new order is denied with
 * {@code RULE_MISSING} naming it until it is back. A HALT of the kill switch also cancels the open orders of
 * its scope ({@link org.nautilus.api.risk.TradingStateService#change}, since 1.2).
 */
@Export
@Version("1.3.0")
package org.nautilus.api.risk;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
