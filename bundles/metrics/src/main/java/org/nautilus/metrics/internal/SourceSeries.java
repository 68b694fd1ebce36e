package org.nautilus.metrics.internal;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.nautilus.api.metrics.MetricsCollector;
import org.nautilus.api.metrics.MetricsSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The series {@link MetricsSource}s report, as Micrometer meters whose functions read the value of the latest scrape.
 * A series appears the first time a source reports it and is removed from the registry at the first scrape that does
 * not (a route removed, a subscriber gone), so the registry holds exactly what the sources have now. Used by one
 * scraping thread at a time.
 */
final class SourceSeries implements MetricsCollector {

    private static final Logger LOG = LoggerFactory.getLogger(SourceSeries.class);
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /** The value a meter's function reads; written by the scrape, before the registry renders it. */
    private static final class Value {
        volatile double value;
    }

    private record Series(Meter meter, Value value) {
    }

    private final MeterRegistry registry;
    private final Map<Meter.Id, Series> series = new HashMap<>();
    private final Set<Meter.Id> seen = new HashSet<>();
    private final Set<String> refused = new HashSet<>();

    SourceSeries(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs every source, then drops the series none of them reported. */
    void collect(Iterable<MetricsSource> sources) {
        seen.clear();
        for (MetricsSource source : sources) {
            try {
                source.collect(this);
            } catch (RuntimeException e) {
                // One broken source must not take the whole scrape down; its series go stale and are dropped.
                LOG.warn("metrics: source {} failed: {}", source.getClass().getName(), e.toString());
            }
        }
        List<Meter.Id> gone = new ArrayList<>();
        for (Meter.Id id : series.keySet()) {
            if (!seen.contains(id)) {
                gone.add(id);
            }
        }
        for (Meter.Id id : gone) {
            registry.remove(series.remove(id).meter());
        }
    }

    @Override
    public void counter(String name, String help, double value, String... labels) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("counter '" + name + "' must end in _total");
        }
        // Micrometer's Prometheus naming adds _total to counters itself.
        report(Meter.Type.COUNTER, name.substring(0, name.length() - "_total".length()), help, value, labels);
    }

    @Override
    public void gauge(String name, String help, double value, String... labels) {
        report(Meter.Type.GAUGE, name, help, value, labels);
    }

    private void report(Meter.Type type, String name, String help, double value, String... labels) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "metric name '" + name + "' is not a Prometheus name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("metric '" + name + "': labels are name/value pairs, got "
                    + labels.length + " strings");
        }
        List<Tag> tags = new ArrayList<>(labels.length / 2);
        for (int i = 0; i < labels.length; i += 2) {
            if (!NAME.matcher(labels[i]).matches()) {
                throw new IllegalArgumentException("metric '" + name + "': bad label name '" + labels[i] + "'");
            }
            tags.add(Tag.of(labels[i], labels[i + 1] == null ? "" : labels[i + 1]));
        }
        Meter.Id id = new Meter.Id(name, Tags.of(tags), null, help, type);
        Series known = series.get(id);
        if (known == null) {
            Value holder = new Value();
            Meter meter;
            try {
                meter = type == Meter.Type.COUNTER
                        ? FunctionCounter.builder(name, holder, v -> v.value).description(help).tags(tags)
                                .register(registry)
                        : Gauge.builder(name, holder, v -> v.value).description(help).tags(tags).register(registry);
            } catch (IllegalArgumentException e) {
                // Prometheus wants one set of label names per metric name: say so once, keep scraping the rest.
                if (refused.add(name)) {
                    LOG.warn("metrics: series {} refused: {}", name, e.getMessage());
                }
                return;
            }
            known = new Series(meter, holder);
            series.put(id, known);
        }
        known.value().value = value;
        seen.add(id);
    }
}
