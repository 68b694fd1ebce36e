package org.nautilus.api.research.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tracked training run (or one fold of one: a child run).
 *
 * @param id            unique id
 * @param experiment    the experiment's name
 * @param parent        the parent run's id for a child run (one per fold), otherwise {@code null}
 * @param name          a readable name, e.g. {@code fold-2}
 * @param status        where it is
 * @param started       when it started
 * @param ended         when it ended, {@code null} while running
 * @param seed          the random seed it fitted with
 * @param datasetDigest the content digest of its dataset, {@code null} until logged
 * @param codeVersion   bundle symbolic names (and the model library) with their versions
 * @param params        parameters, each written once
 * @param metrics       the latest value of each metric
 * @param tags          tags, which may change
 * @param artifacts     names of its artifact files
 * @param artifactDigests each artifact's content digest ({@code sha256:...}) as logged, checked when it is read
 *                        back from the artifact store (absent for artifacts logged before 1.2)
 */
public record Run(String id, String experiment, String parent, String name, RunStatus status, Instant started,
        Instant ended, long seed, String datasetDigest, Map<String, String> codeVersion,
        Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags,
        List<String> artifacts, Map<String, String> artifactDigests) {

    /** A run without recorded artifact digests (as before 1.2). */
    public Run(String id, String experiment, String parent, String name, RunStatus status, Instant started,
            Instant ended, long seed, String datasetDigest, Map<String, String> codeVersion,
            Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags,
            List<String> artifacts) {
        this(id, experiment, parent, name, status, started, ended, seed, datasetDigest, codeVersion, params, metrics,
                tags, artifacts, Map.of());
    }

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        codeVersion = Map.copyOf(codeVersion);
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        tags = Map.copyOf(tags);
        artifacts = List.copyOf(artifacts);
        artifactDigests = Map.copyOf(artifactDigests);
    }
}
