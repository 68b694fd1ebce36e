package org.nautilus.api.research.artifacts;

import java.util.Objects;
import org.nautilus.api.files.DirectoryFiles;

/**
 * An artifact in an {@link ArtifactStore}.
 *
 * @param run    the run's id
 * @param name   the artifact's name, e.g. {@code model.bin}
 * @param bytes  its size
 * @param digest its content digest, {@code sha256:} and 64 hex digits ({@link #digestOf})
 */
public record StoredArtifact(String run, String name, long bytes, String digest) {

    public StoredArtifact {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        if (bytes < 0) {
            throw new IllegalArgumentException("an artifact's size is not negative: " + bytes);
        }
    }

    /** The digest of an artifact's content: {@code sha256:} and the SHA-256 in hex. */
    public static String digestOf(byte[] content) {
        return "sha256:" + DirectoryFiles.sha256(content);
    }

    /** The artifact of that content. */
    public static StoredArtifact of(String run, String name, byte[] content) {
        return new StoredArtifact(run, name, content.length, digestOf(content));
    }
}
