package org.nautilus.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/** Every series of this node, rendered for a scraper (the HTTP {@code /metrics} endpoint, {@code nautilus:metrics}). */
@ProviderType
public interface MetricsService {

    /** The media type of {@link #scrape()}: Prometheus text format 0.0.4. */
    String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** All series in the Prometheus text exposition format; the sources are read now. */
    String scrape();
}
