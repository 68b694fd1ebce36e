/**
 * Execution venues: the {@link org.nautilus.api.venue.Venue} plugin SPI (simulated exchange, FIX, brokers)
 * and the execution reports a venue sends back.
 */
@Export
@Version("1.4.0")
package org.nautilus.api.venue;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
