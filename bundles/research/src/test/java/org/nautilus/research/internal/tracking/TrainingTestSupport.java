package org.nautilus.research.internal.tracking;

import java.nio.file.Path;
import java.time.Clock;
import org.nautilus.factor.technical.internal.TechnicalLibrary;

/** A {@link ModelsComponent} over a map store for tests of other packages. */
public final class TrainingTestSupport {

    private TrainingTestSupport() {
    }

    public static ModelsComponent models(Path dir) {
        ModelsComponent models = new ModelsComponent(new MemoryTrackingStore(),
                new FileArtifactStore(dir.resolve("artifact-store")), dir.resolve("models"),
                TrainingTest.research(),
                Clock.systemUTC());
        models.addLibrary(new TechnicalLibrary());
        return models;
    }
}
