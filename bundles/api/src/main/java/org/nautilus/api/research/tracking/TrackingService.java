package org.nautilus.api.research.tracking;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Stores an artifact file of the run (e.g. {@code model.bin}) under the artifact directory; returns its path. */
    Path logArtifact(String run, String name, byte[] content);

    /** The artifact's path, if the run has it. */
    Optional<Path> artifact(String run, String name);

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
