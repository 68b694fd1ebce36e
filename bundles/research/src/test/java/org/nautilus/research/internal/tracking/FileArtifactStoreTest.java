package org.nautilus.research.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.artifacts.StoredArtifact;

class FileArtifactStoreTest {

    @TempDir
    Path root;

    @Test
    void anArtifactRoundTripsWithItsSizeAndDigest() {
        FileArtifactStore store = new FileArtifactStore(root);
        byte[] content = "trees".getBytes(StandardCharsets.UTF_8);
        StoredArtifact stored = store.put("run1", "model.bin", content);
        // printf trees | sha256sum
        assertThat(stored).isEqualTo(new StoredArtifact("run1", "model.bin", 5,
                "sha256:29d807300a961b0cbdb4f22cc5db866a43d20d87b1e17b7f50c91bab25089940"));
        assertThat(store.get("run1", "model.bin")).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));
        assertThat(Files.exists(root.resolve("run1").resolve("model.bin"))).isTrue();

        store.put("run1", "report.html", new byte[] {1, 2});
        store.put("run1", "model.bin", new byte[] {9}); // replaced whole
        assertThat(store.list("run1")).extracting(StoredArtifact::name, StoredArtifact::bytes)
                .containsExactly(tuple("model.bin", 1L),
                        tuple("report.html", 2L));
        assertThat(store.list("unknown")).isEmpty();

        assertThat(store.delete("run1", "report.html")).isTrue();
        assertThat(store.delete("run1", "report.html")).isFalse();
        assertThat(store.get("run1", "report.html")).isEmpty();
        store.deleteRun("run1");
        assertThat(store.list("run1")).isEmpty();
        assertThat(Files.exists(root.resolve("run1"))).isFalse();
    }

    @Test
    void namesThatAreNotPlainNamesAreRefused() {
        FileArtifactStore store = new FileArtifactStore(root);
        assertThatThrownBy(() -> store.put("run1", "../escape", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid artifact name '../escape'");
        assertThatThrownBy(() -> store.get("../..", "model.bin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid run name");
        assertThat(root.getParent().resolve("escape")).doesNotExist();
    }
}
