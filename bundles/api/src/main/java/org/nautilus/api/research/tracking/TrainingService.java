package org.nautilus.api.research.tracking;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/** Trains a model from a spec file as a tracked run (what {@code nautilus:train} calls). */
@ProviderType
public interface TrainingService {

    /**
     * Trains the spec on the caller's thread, telling {@code progress} each step. A relative {@code spec} that
     * does not exist from the working directory is looked up under the Karaf home (e.g. {@code etc/models/x.properties}).
     *
     * @return the finished run and, if the spec registers it, the new version
     * @throws IllegalArgumentException naming every problem of the spec (unknown family or factors, bad values)
     */
    TrainingResult train(Path spec, Consumer<String> progress);
}
