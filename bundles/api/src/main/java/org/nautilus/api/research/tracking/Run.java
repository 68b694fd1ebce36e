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
 */
public record Run(String id, String experiment, String parent, String name, RunStatus status, Instant started,
        Instant ended, long seed, String datasetDigest, Map<String, String> codeVersion,
        Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags,
        List<String> artifacts) {

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
    }
}
