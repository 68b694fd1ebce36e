package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;
import org.nautilus.grid.internal.node.GridStartupException;

/** A damaged work directory stops the start with a message naming the damage, never an empty grid. */
class DamagedWorkDirectoryTest {

    @TempDir
    Path work;

    private EmbeddedGrid grid;

    @AfterEach
    void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    private GridSettings settings(Path dir) {
        return GridSettings.localNode("damaged-test", dir, 48741, 48841);
    }

    private void writePositionsAndStop() {
        EmbeddedGrid first = EmbeddedGrid.start(settings(work), getClass().getClassLoader());
        IgniteTradingStore store = IgniteTradingStore.open(first, StoreSettings.defaults(work));
        store.save(IgniteTradingStoreTest.position("alpha", "AAPL", "1", "100", "0", "0", 1, Instant.EPOCH));
        store.close();
        first.close();
    }

    private List<Path> files(String relativeDir) throws IOException {
        try (Stream<Path> files = Files.list(work.resolve(relativeDir))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static void overwrite(List<Path> files) throws IOException {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        for (Path file : files) {
            Files.write(file, garbage);
        }
    }

    @Test
    void aCorruptPageStoreFailsTheStartAndNamesTheFile() throws IOException {
        writePositionsAndStop();
        List<Path> pages = files("db/damaged_test/cacheGroup-nautilus-trading").stream()
                .filter(p -> p.getFileName().toString().startsWith("part-")).toList();
        assertThat(pages).isNotEmpty();
        overwrite(pages);

        assertThatThrownBy(() -> EmbeddedGrid.start(settings(work), getClass().getClassLoader()))
                .isInstanceOf(GridStartupException.class)
                .hasMessageContaining("failed to start on work directory " + work)
                .hasMessageContaining("cacheGroup-nautilus-trading" + File.separator + "part-")
                .hasMessageContaining("restore");

        // The failed start left nothing behind: the same node starts on a sound directory.
        grid = EmbeddedGrid.start(settings(work.resolve("fresh")), getClass().getClassLoader());
        assertThat(grid.ignite().cluster().state().active()).isTrue();
    }

    @Test
    void lostBinaryMetadataFailsTheStoreInsteadOfHangingOnReads() throws IOException {
        writePositionsAndStop();
        overwrite(files("db/binary_meta/damaged_test"));

        grid = EmbeddedGrid.start(settings(work), getClass().getClassLoader());

        assertThatThrownBy(() -> IgniteTradingStore.open(grid, StoreSettings.defaults(work)))
                .isInstanceOf(GridStartupException.class)
                .hasMessageContaining("entries but the metadata")
                .hasMessageContaining("binary_meta")
                .hasMessageContaining("Restore " + work);
    }

    @Test
    void aFileInPlaceOfTheWorkDirectoryFailsBeforeIgniteStarts() throws IOException {
        Path file = Files.writeString(work.resolve("ignite"), "oops");

        assertThatThrownBy(() -> EmbeddedGrid.start(settings(file), getClass().getClassLoader()))
                .isInstanceOf(GridStartupException.class)
                .hasMessage("Ignite work directory " + file + " is not usable: it exists but is not a directory. "
                        + "Fix its permissions or point work.directory in etc/nautilus.grid.cfg elsewhere.");
    }
}
