package org.nautilus.api.research.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A version of a registered model, and its lineage: version → run → dataset digest → code version.
 *
 * @param model         the registered model's name
 * @param version       1, 2, ...
 * @param run           the run whose artifact it is
 * @param family        the model family
 * @param features      feature names in input order
 * @param datasetDigest the run's dataset digest
 * @param codeVersion   the run's code version
 * @param created       when it was registered
 */
public record ModelVersion(String model, int version, String run, String family, List<String> features,
        String datasetDigest, Map<String, String> codeVersion, Instant created) {

    public ModelVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(family, "family");
        features = List.copyOf(features);
        codeVersion = Map.copyOf(codeVersion);
        Objects.requireNonNull(created, "created");
    }
}
