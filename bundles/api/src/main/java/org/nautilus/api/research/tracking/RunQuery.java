package org.nautilus.api.research.tracking;

import java.util.Map;

/**
 * Which runs to list; {@code null} fields match everything. Runs are listed newest first.
 *
 * @param experiment only this experiment's runs
 * @param status     only runs in this status
 * @param params     only runs with all these parameter values
 * @param tags       only runs with all these tag values
 * @param topLevel   {@code true} to leave out child runs
 * @param limit      at most this many (0 for all)
 */
public record RunQuery(String experiment, RunStatus status, Map<String, String> params, Map<String, String> tags,
        boolean topLevel, int limit) {

    public RunQuery {
        params = params == null ? Map.of() : Map.copyOf(params);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be 0 (all) or more, got " + limit);
        }
    }

    public static RunQuery all() {
        return new RunQuery(null, null, null, null, false, 0);
    }
}
