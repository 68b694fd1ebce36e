package org.nautilus.research.internal.tracking;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.api.research.artifacts.StoredArtifact;
import org.nautilus.research.internal.training.Placeholders;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The artifact store {@code etc/nautilus.artifacts.cfg} ({@value ArtifactsConfig#PID}) chooses with
 * {@code artifact.store}: {@code file} (the default) or {@code s3}. That key is also this service's
 * {@value ArtifactStore#KIND_PROPERTY} property (configuration properties become service properties), so the
 * registered kind is always the configured one. A change of the configuration replaces the service, and the
 * models component, which holds it statically, starts again over the new store.
 */
@Component(service = ArtifactStore.class, configurationPid = ArtifactsConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, property = ArtifactStore.KIND_PROPERTY
        + "=" + FileArtifactStore.KIND)
public final class ArtifactStoreComponent implements ArtifactStore {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactStoreComponent.class);

    private final ArtifactStore store;

    @Activate
    public ArtifactStoreComponent(ArtifactsConfig config) {
        this(config, System.getenv(), Clock.systemUTC());
    }

    ArtifactStoreComponent(ArtifactsConfig config, Map<String, String> env, Clock clock) {
        this.store = configured(config, env, clock);
        LOG.info("Artifact store: {}", store);
    }

    /** @throws IllegalArgumentException naming what is wrong in the configuration */
    static ArtifactStore configured(ArtifactsConfig config, Map<String, String> env, Clock clock) {
        String kind = config.artifact_store() == null ? "" : config.artifact_store().strip();
        return switch (kind) {
            case FileArtifactStore.KIND -> new FileArtifactStore(
                    Path.of(Placeholders.resolve(config.root(), ModelsComponent::property)));
            case S3ArtifactStore.KIND -> S3ArtifactStore.configured(config, env, clock);
            default -> throw new IllegalArgumentException("artifact.store = '" + kind + "' in " + ArtifactsConfig.FILE
                    + " is not a store: 'file' (a directory) or 's3' (a bucket)");
        };
    }

    @Override
    public String kind() {
        return store.kind();
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public StoredArtifact put(String run, String name, byte[] content) {
        return store.put(run, name, content);
    }

    @Override
    public Optional<byte[]> get(String run, String name) {
        return store.get(run, name);
    }

    @Override
    public List<StoredArtifact> list(String run) {
        return store.list(run);
    }

    @Override
    public boolean delete(String run, String name) {
        return store.delete(run, name);
    }

    @Override
    public void deleteRun(String run) {
        store.deleteRun(run);
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
