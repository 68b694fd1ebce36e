/**
 * Market data: quotes, trades and bars, and the gateway service that publishes them to subscribers.
 */
@Export
@Version("1.3.0")
package org.nautilus.api.marketdata;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
