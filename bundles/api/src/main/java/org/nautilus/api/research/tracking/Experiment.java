package org.nautilus.api.research.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * A named group of runs (e.g. {@code alpha158-lightgbm}).
 *
 * @param name    unique name
 * @param created when it was created
 */
public record Experiment(String name, Instant created) {

    public Experiment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
    }
}
