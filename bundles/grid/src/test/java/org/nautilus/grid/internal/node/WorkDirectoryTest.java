package org.nautilus.grid.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void createsAMissingDirectoryAndLeavesNoProbeBehind() throws Exception {
        Path dir = tmp.resolve("a/b/ignite");

        WorkDirectory.prepare(dir);

        assertThat(dir).isDirectory();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsRejectedWithThePath() throws Exception {
        Path file = Files.writeString(tmp.resolve("ignite"), "not a directory");

        assertThatThrownBy(() -> WorkDirectory.prepare(file))
                .isInstanceOf(GridStartupException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory")
                .hasMessageContaining("work.directory");
    }

    @Test
    void aDirectoryUnderAFileCannotBeCreated() throws Exception {
        Files.writeString(tmp.resolve("data"), "x");

        assertThatThrownBy(() -> WorkDirectory.prepare(tmp.resolve("data/ignite")))
                .isInstanceOf(GridStartupException.class)
                .hasMessageContaining("cannot be created");
    }

    @Test
    void aPersistenceLayoutWithAFileForDbIsCorrupt() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ignite"));
        Files.writeString(dir.resolve("db"), "garbage");

        assertThatThrownBy(() -> WorkDirectory.prepare(dir))
                .isInstanceOf(GridStartupException.class)
                .hasMessageContaining("corrupt")
                .hasMessageContaining(dir.resolve("db").toString());
    }

    @Test
    void aReadOnlyDirectoryIsNotWritable() throws Exception {
        // root writes anywhere: the permission check cannot fail for it.
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root");
        Path dir = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> WorkDirectory.prepare(dir))
                    .isInstanceOf(GridStartupException.class)
                    .hasMessageContaining("not writable");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
