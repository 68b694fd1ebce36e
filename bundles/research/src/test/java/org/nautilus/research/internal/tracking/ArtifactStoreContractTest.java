package org.nautilus.research.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.artifacts.ArtifactStore;
import org.nautilus.api.research.artifacts.StoredArtifact;

/** What every {@link ArtifactStore} does, whatever keeps the bytes: each kind's test extends this. */
abstract class ArtifactStoreContractTest {

    /** An empty store of the kind under test. */
    protected abstract ArtifactStore store();

    @Test
    void anArtifactRoundTripsWithItsSizeAndDigest() {
        ArtifactStore store = store();
        byte[] content = "trees".getBytes(StandardCharsets.UTF_8);
        StoredArtifact stored = store.put("run1", "model.bin", content);
        // printf trees | sha256sum
        assertThat(stored).isEqualTo(new StoredArtifact("run1", "model.bin", 5,
                "sha256:29d807300a961b0cbdb4f22cc5db866a43d20d87b1e17b7f50c91bab25089940"));
        assertThat(store.get("run1", "model.bin")).hasValueSatisfying(b -> assertThat(b).isEqualTo(content));

        store.put("run1", "report.html", new byte[] {1, 2});
        store.put("run1", "model.bin", new byte[] {9}); // replaced whole
        assertThat(store.get("run1", "model.bin")).hasValueSatisfying(b -> assertThat(b).containsExactly(9));
        assertThat(store.list("run1")).extracting(StoredArtifact::name, StoredArtifact::bytes, StoredArtifact::digest)
                .containsExactly(tuple("model.bin", 1L, StoredArtifact.digestOf(new byte[] {9})),
                        tuple("report.html", 2L, StoredArtifact.digestOf(new byte[] {1, 2})));
        assertThat(store.list("unknown")).isEmpty();
        assertThat(store.get("unknown", "model.bin")).isEmpty();

        assertThat(store.delete("run1", "report.html")).isTrue();
        assertThat(store.delete("run1", "report.html")).isFalse();
        assertThat(store.get("run1", "report.html")).isEmpty();
        store.deleteRun("run1");
        assertThat(store.list("run1")).isEmpty();
        assertThat(store.get("run1", "model.bin")).isEmpty();
    }

    @Test
    void runsWithACommonPrefixKeepTheirOwnArtifacts() {
        ArtifactStore store = store();
        store.put("run1", "model.bin", new byte[] {1});
        store.put("run10", "model.bin", new byte[] {10});
        store.put("run1", "model.bin.old", new byte[0]); // an empty artifact is an artifact
        assertThat(store.list("run1")).extracting(StoredArtifact::name, StoredArtifact::bytes)
                .containsExactly(tuple("model.bin", 1L), tuple("model.bin.old", 0L));
        assertThat(store.delete("run1", "model.bi")).isFalse();
        store.deleteRun("run1");
        assertThat(store.list("run10")).extracting(StoredArtifact::name).containsExactly("model.bin");
        assertThat(store.get("run10", "model.bin")).hasValueSatisfying(b -> assertThat(b).containsExactly(10));
    }

    @Test
    void namesThatAreNotPlainNamesAreRefused() {
        ArtifactStore store = store();
        assertThatThrownBy(() -> store.put("run1", "../escape", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid artifact name '../escape'");
        assertThatThrownBy(() -> store.get("../..", "model.bin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid run name");
        assertThatThrownBy(() -> store.list("a/b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid run name 'a/b'");
        assertThatThrownBy(() -> store.delete("run1", "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list("run1")).isEmpty();
    }
}
