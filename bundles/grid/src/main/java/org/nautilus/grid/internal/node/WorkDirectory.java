package org.nautilus.grid.internal.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before Ignite touches it, that the work directory can hold the node's data: Ignite's own errors for an
 * unusable directory are long stack traces that do not say which setting to fix.
 */
final class WorkDirectory {

    private WorkDirectory() {
    }

    /**
     * Creates the directory if needed and proves it is writable.
     *
     * @throws GridStartupException saying what is wrong with which path
     */
    static void prepare(Path directory) {
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw unusable(directory, "it exists but is not a directory");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException | SecurityException e) {
            throw unusable(directory, "it cannot be created (" + e + ")");
        }
        // A probe file rather than Files.isWritable: the latter says yes to root on a read-only file system.
        try {
            Path probe = Files.createTempFile(directory, ".nautilus-write-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw unusable(directory, "it is not writable by this process (" + e + ")");
        }
        // Ignite's persistence layout: db/ holds the page stores and db/wal the write-ahead log.
        for (Path expected : new Path[] {directory.resolve("db"), directory.resolve("db").resolve("wal")}) {
            if (Files.exists(expected) && !Files.isDirectory(expected)) {
                throw new GridStartupException("Ignite work directory " + directory + " is corrupt: " + expected
                        + " should be a directory but is a file. Restore the directory from a backup, or move it "
                        + "away to start with an empty grid.");
            }
        }
    }

    private static GridStartupException unusable(Path directory, String reason) {
        return new GridStartupException("Ignite work directory " + directory + " is not usable: " + reason
                + ". Fix its permissions or point work.directory in etc/" + GridConfig.PID + ".cfg elsewhere.");
    }
}
