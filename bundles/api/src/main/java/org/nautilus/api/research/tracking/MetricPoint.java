package org.nautilus.api.research.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * One logged value of a metric.
 *
 * @param key   the metric, e.g. {@code ic}
 * @param value the value
 * @param step  the step (boosting round, fold, epoch); 0 if the metric has no steps
 * @param time  when it was logged
 */
public record MetricPoint(String key, double value, long step, Instant time) {

    public MetricPoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
    }
}
