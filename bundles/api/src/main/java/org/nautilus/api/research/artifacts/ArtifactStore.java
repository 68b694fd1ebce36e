package org.nautilus.api.research.artifacts;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An object store for run artifacts, keyed by run id and artifact name: a shared directory (kind {@code file}: one
 * node, or a volume every node mounts) or an S3 bucket (kind {@code s3}). Registered as a service with
 * {@value #KIND_PROPERTY} naming its kind; the tracker picks one by that property. A reader never sees half an
 * artifact: a put becomes visible whole or not at all.
 *
 * <p>Run ids and names are letters, digits, {@code .}, {@code _} and {@code -} (no path separators); anything else
 * is refused with {@link IllegalArgumentException}. Storage failures are {@link java.io.UncheckedIOException}s.
 */
@ConsumerType
public interface ArtifactStore {

    /** Service property naming the store's kind, e.g. {@code file}. */
    String KIND_PROPERTY = "artifact.store";

    /** The kind, e.g. {@code file}. */
    String kind();

    /** Where the artifacts are, for logs and listings: a directory or a URI. */
    String location();

    /** Stores (or replaces) an artifact whole; returns it with its size and digest. */
    StoredArtifact put(String run, String name, byte[] content);

    /** The artifact's content as stored (not verified: the caller checks it against the digest it recorded). */
    Optional<byte[]> get(String run, String name);

    /** The run's stored artifacts, by name; empty for an unknown run. */
    List<StoredArtifact> list(String run);

    /** Deletes one artifact; {@code false} if there was none. */
    boolean delete(String run, String name);

    /** Deletes every artifact of the run, for good. */
    void deleteRun(String run);
}
