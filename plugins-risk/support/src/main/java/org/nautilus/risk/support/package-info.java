/**
 * What the risk rule plugins (one bundle per rule under {@code plugins-risk/}) and the risk engine share, in one
 * small library bundle: {@link org.nautilus.risk.support.ConfiguredRule} (a rule whose limits come from
 * configuration and change live, failing closed without valid limits), {@link org.nautilus.risk.support.RuleComponent}
 * (its Declarative Services side and configuration check), {@link org.nautilus.risk.support.PerPortfolio} limits,
 * {@link org.nautilus.risk.support.Valuation} (order prices, exposures, "does this order reduce the position"), and
 * {@link org.nautilus.risk.support.Numbers} / {@link org.nautilus.risk.support.Durations} for the numbers in a
 * rejection's message.
 *
 * <p>Why not the API bundle: the API holds the contracts (the {@code RiskRule} SPI, {@code RiskContext}, values);
 * these are implementation helpers with behaviour (parsing, logging, an abstract component) that rule authors may
 * use or not. Keeping them out of the API keeps the API's versions moving only when a contract changes; a third
 * party's rule still needs nothing but the API.
 */
@Export
@Version("1.0.0")
package org.nautilus.risk.support;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
