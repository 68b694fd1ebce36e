/**
 * Execution venues: the {@link org.nautilus.api.venue.Venue} plugin SPI (simulated exchange, FIX, brokers)
 * and the execution reports a venue sends back.
 *
 * <p>2.0: {@code ExecutionReport} gained the {@code rejectCode} component (a venue's refusal as a value).
 */
@Export
@Version("2.0.0")
package org.nautilus.api.venue;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
