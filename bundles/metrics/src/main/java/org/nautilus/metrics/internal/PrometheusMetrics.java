package org.nautilus.metrics.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nautilus.api.metrics.MetricsService;
import org.nautilus.api.metrics.MetricsSource;

/**
 * The node's Prometheus registry: JVM series from Micrometer's binders, plus every {@link MetricsSource} read at
 * scrape time. Plain Java; {@link MetricsComponent} wires it into OSGi.
 */
public final class PrometheusMetrics implements MetricsService, AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final SourceSeries series = new SourceSeries(registry);
    private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void add(MetricsSource source) {
        sources.add(source);
    }

    void remove(MetricsSource source) {
        sources.remove(source);
    }

    @Override
    public synchronized String scrape() {
        // Scrapes are seconds apart and never on the trading path: one at a time keeps the series map simple.
        series.collect(new ArrayList<>(sources));
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
