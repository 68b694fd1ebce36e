package org.nautilus.api.research.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.research.artifacts.ArtifactIntegrityException;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Experiment tracking (the MLflow role). Logging returns at once: records are written to the durable store by a
 * background writer, in order; {@link #flush()} waits for them. Reads see every logged value at once.
 *
 * <p>Bad input (an unknown run, a parameter re-logged with another value, a finished run logged to) throws
 * {@link IllegalArgumentException} or {@link IllegalStateException} naming the problem, and changes nothing.
 */
@ProviderType
public interface TrackingService {

    /** The experiment, created if new. */
    Experiment experiment(String name);

    List<Experiment> experiments();

    /**
     * Starts a run.
     *
     * @param parent      the parent run for a child run (a fold), otherwise {@code null}
     * @param codeVersion bundle and library versions that produce it
     */
    Run startRun(String experiment, String parent, String name, long seed, Map<String, String> codeVersion);

    /** Logs a parameter; logging the same value again is fine, another value is refused. */
    void logParam(String run, String key, String value);

    void logMetric(String run, String key, double value, long step);

    void setTag(String run, String key, String value);

    /** Logs the content digest of the run's dataset (write-once, like a parameter). */
    void logDataset(String run, String digest);

    /**
     * Stores an artifact of the run (e.g. {@code model.bin}) in the artifact store and in this node's local folder,
     * and records its content digest in the run; returns the local file.
     */
    Path logArtifact(String run, String name, byte[] content);

    /**
     * The artifact's local file, if the run has it: fetched from the artifact store (and verified) when this node's
     * local folder does not hold it, e.g. on a node that did not train the run.
     *
     * @throws ArtifactIntegrityException if the stored copy's digest is not the recorded one
     * @throws IllegalStateException      if the run lists it but neither the local folder nor the store has it
     */
    Optional<Path> artifact(String run, String name);

    /**
     * The artifact's content, verified against the digest recorded when it was logged: from the local folder if it
     * holds an intact copy, otherwise from the artifact store. Empty if the run does not list the artifact.
     *
     * @throws ArtifactIntegrityException if the store's copy is not what was logged (nothing is returned)
     * @throws IllegalStateException      if the run lists it but neither the local folder nor the store has it
     * @since 1.2
     */
    Optional<byte[]> readArtifact(String run, String name);

    /**
     * The run's artifacts as the artifact store holds them (size and digest of the stored copy); empty for an
     * unknown run.
     *
     * @since 1.2
     */
    List<StoredArtifact> storedArtifacts(String run);

    /** The artifact store's kind and location, e.g. {@code file /data/artifacts}. @since 1.2 */
    String artifactStore();

    void endRun(String run, RunStatus status);

    Optional<Run> run(String id);

    List<Run> runs(RunQuery query);

    /** Every logged value of a metric, in logging order. */
    List<MetricPoint> metricHistory(String run, String key);

    /**
     * Deletes a run, its child runs, their metric history and artifact files, for good.
     *
     * @throws IllegalStateException if the run or one of its folds is a registered model version (nothing is
     *                               deleted then)
     */
    default void deleteRun(String id) {
        deleteRun(id, "unknown");
    }

    /** Deletes an experiment and all its runs for good. */
    default void deleteExperiment(String name) {
        deleteExperiment(name, "unknown");
    }

    /** As {@link #deleteRun(String)}, recorded in the audit journal with the user who asked. @since 1.1 */
    void deleteRun(String id, String user);

    /** As {@link #deleteExperiment(String)}, recorded in the audit journal with the user who asked. @since 1.1 */
    void deleteExperiment(String name, String user);

    /** Waits until everything logged so far is in the durable store. */
    void flush();
}
