package org.nautilus.api.metrics;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bundle's counters, read at scrape time (whiteboard service). {@link #collect} runs on the scraping thread, never on
 * the platform's hot path: it reads counters the bundle keeps anyway and reports their current values.
 *
 * <p>Names follow Prometheus conventions: {@code nautilus_} prefix, base units (seconds, bytes), counters end in
 * {@code _total}. Label values must come from a bounded set (a route id, a subscriber name, a venue), never from
 * order ids or prices.
 */
@ConsumerType
public interface MetricsSource {

    /** Reports the current value of each series to {@code out}. */
    void collect(MetricsCollector out);
}
