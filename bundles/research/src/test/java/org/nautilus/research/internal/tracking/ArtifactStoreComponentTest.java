package org.nautilus.research.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.testsupport.DsConfigs;

/** Which store etc/nautilus.artifacts.cfg makes, and what it says when the configuration is wrong. */
class ArtifactStoreComponentTest {

    @TempDir
    Path dir;

    private static ArtifactStore configured(Map<String, Object> properties, Map<String, String> env) {
        return ArtifactStoreComponent.configured(DsConfigs.config(ArtifactsConfig.class, properties), env,
                Clock.systemUTC());
    }

    private static Map<String, Object> s3(String... keyValues) {
        Map<String, Object> properties = new HashMap<>(Map.of("artifact.store", "s3"));
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    void theFileStoreIsTheDefault() {
        ArtifactStore store = configured(Map.of("root", dir.toString()), Map.of());
        assertThat(store).isInstanceOf(FileArtifactStore.class);
        assertThat(store.location()).isEqualTo(dir.toString());
    }

    @Test
    void anS3StoreFromTheS3Keys() {
        ArtifactStore store = configured(s3("s3.bucket", "nautilus-artifacts", "s3.prefix", "/prod/models/",
                "s3.endpoint", "http://127.0.0.1:9000", "s3.access.key", "AKID", ".s3.secret.key", "secret"),
                Map.of(
                        "AWS_REGION", "eu-west-1"));
        assertThat(store.kind()).isEqualTo("s3");
        assertThat(store.location()).isEqualTo("s3://nautilus-artifacts/prod/models/");
        assertThat(store.toString()).isEqualTo("s3 s3://nautilus-artifacts/prod/models/ (eu-west-1, "
                + "http://127.0.0.1:9000)").doesNotContain("secret");
        // No keys in the file: the AWS environment's, asked for on use.
        assertThat(configured(s3("s3.bucket", "b42", "s3.region", "us-east-1"), Map.of()).location())
                .isEqualTo("s3://b42/models/");
    }

    @Test
    void aWrongConfigurationIsRefusedNamingTheFileAndTheKey() {
        assertThatThrownBy(() -> configured(Map.of("artifact.store", "gcs"), Map.of()))
                .hasMessage("artifact.store = 'gcs' in etc/nautilus.artifacts.cfg is not a store: 'file' (a "
                        + "directory) or 's3' (a bucket)");
        assertThatThrownBy(() -> configured(s3(), Map.of()))
                .hasMessage("artifact.store = s3 in etc/nautilus.artifacts.cfg: s3.bucket is empty: name the bucket");
        assertThatThrownBy(() -> configured(s3("s3.bucket", "b42"), Map.of()))
                .hasMessageContaining("s3.region is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set");
        assertThatThrownBy(() -> configured(s3("s3.bucket", "b42", "s3.region", "us-east-1", "s3.access.key",
                "AKID"), Map.of())).hasMessageContaining("s3.access.key and .s3.secret.key go together");
    }
}
