/**
 * Pre-trade risk: the {@link org.nautilus.api.risk.RiskRule} plugin SPI and the risk service that runs the rules.
 *
 * <p>A rule never throws for a business rejection: it returns a {@link org.nautilus.api.risk.RiskDecision}
 * naming itself, a stable reason code and a message with the numbers.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.risk;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
