package org.nautilus.research.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.research.artifacts.ArtifactStore;

class FileArtifactStoreTest extends ArtifactStoreContractTest {

    @TempDir
    Path root;

    @Override
    protected ArtifactStore store() {
        return new FileArtifactStore(root);
    }

    @Test
    void artifactsAreFilesUnderTheRootAndNothingEscapesIt() {
        ArtifactStore store = store();
        store.put("run1", "model.bin", new byte[] {1});
        assertThat(root.resolve("run1").resolve("model.bin")).hasBinaryContent(new byte[] {1});
        assertThat(store.location()).isEqualTo(root.toAbsolutePath().normalize().toString());
        store.deleteRun("run1");
        assertThat(Files.exists(root.resolve("run1"))).isFalse();
        assertThatThrownBy(() -> store.put("run1", "../escape", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root.getParent().resolve("escape")).doesNotExist();
    }
}
