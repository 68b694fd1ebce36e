package org.nautilus.api.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where snapshots are kept away from the node: a local folder (built in) or object storage (an S3 uploader is a
 * plugin registering this service with {@code snapshot.target=s3}). A snapshot is a directory tree; the target
 * keeps it whole under its name.
 */
@ConsumerType
public interface SnapshotTarget {

    /** Service property naming the target; {@code snapshot.target} in {@code etc/nautilus.snapshot.cfg} picks it. */
    String TARGET_PROPERTY = "snapshot.target";

    /** Copies the directory {@code snapshot} (named {@code name}) to the target; returns where it is kept. */
    String upload(String name, Path snapshot) throws IOException;

    /**
     * Writes one file of an uploaded snapshot: its manifest, written last, so that a snapshot whose copy was cut
     * short has none and is not listed.
     */
    void write(String name, String file, byte[] content) throws IOException;

    /** The names of the snapshots it holds (complete or not: a complete one has a manifest). */
    List<String> names() throws IOException;

    /** Reads one file of a snapshot (e.g. its manifest); {@code null} if it has no such file. */
    byte[] read(String name, String file) throws IOException;

    /**
     * Makes snapshot {@code name} available as a local directory under {@code scratch} (a folder target may answer
     * its own copy without copying) and returns the directory that holds it (its parent named by Ignite's layout:
     * {@code returned/name/...}).
     */
    Path fetch(String name, Path scratch) throws IOException;

    /** Bytes the snapshot takes on the target. */
    long size(String name) throws IOException;

    /** Removes a snapshot (retention). */
    void delete(String name) throws IOException;

    /** e.g. {@code local folder /opt/nautilus/data/snapshots}. */
    String describe();
}
