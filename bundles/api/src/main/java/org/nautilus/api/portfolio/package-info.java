/**
 * Positions and P&amp;L per portfolio and instrument, and the store that keeps them durable.
 */
@Export
@Version("1.2.0")
package org.nautilus.api.portfolio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
