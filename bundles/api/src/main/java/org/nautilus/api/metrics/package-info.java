/**
 * Metrics without a metrics library in the API: bundles that already count things (the store's group commits, the
 * market data gateway's subscribers) publish a {@link org.nautilus.api.metrics.MetricsSource} that reports those
 * counters when a scrape asks, so nothing is counted twice and the hot path keeps its own lock-free counters. The
 * metrics bundle collects every source, adds the JVM and OSGi series, and renders the Prometheus text format
 * ({@link org.nautilus.api.metrics.MetricsService}).
 */
@Export
@Version("1.0.0")
package org.nautilus.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
