package org.nautilus.api.metrics;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link MetricsSource} reports its series to during one scrape. {@code labels} are name/value pairs
 * ({@code "route", "simulated-quotes", "state", "Started"}); a series reported once is kept until a scrape no longer
 * reports it.
 */
@ProviderType
public interface MetricsCollector {

    /**
     * A monotonically increasing count (e.g. group commits so far).
     *
     * @param name   the series name, ending in {@code _total}
     * @param help   one line saying what it counts
     * @param value  the count so far (never decreasing while the source lives)
     * @param labels name/value pairs, an even number of strings
     * @throws IllegalArgumentException for a bad name or an odd number of label strings
     */
    void counter(String name, String help, double value, String... labels);

    /**
     * A value that goes up and down (e.g. a queue's backlog, nodes in the cluster).
     *
     * @see #counter
     */
    void gauge(String name, String help, double value, String... labels);
}
