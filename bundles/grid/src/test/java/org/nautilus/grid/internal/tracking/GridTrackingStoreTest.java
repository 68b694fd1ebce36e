package org.nautilus.grid.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.grid.internal.node.EmbeddedGrid;
import org.nautilus.grid.internal.node.GridSettings;

/** Tracking records survive a restart of a persistent node; removed ones stay removed. */
class GridTrackingStoreTest {

    @TempDir
    Path work;

    private GridSettings settings() {
        return GridSettings.localNode("tracking-test", work, 48751, 48851);
    }

    @Test
    void recordsAreDurableAcrossARestartAndLoadedByPrefix() {
        try (EmbeddedGrid grid = EmbeddedGrid.start(settings(), getClass().getClassLoader())) {
            GridTrackingStore store = new GridTrackingStore(grid);
            store.put(Map.of("run/a", "id=a\n", "run/b", "id=b\n", "experiment/x", "created=2026-01-01T00:00:00Z\n"));
            store.remove(List.of("run/b"));
            store.put(Map.of("run/a", "id=a\nstatus=FINISHED\n"));
        }
        try (EmbeddedGrid grid = EmbeddedGrid.start(settings(), getClass().getClassLoader())) {
            GridTrackingStore store = new GridTrackingStore(grid);
            assertThat(store.load("run/")).containsExactly(Map.entry("run/a", "id=a\nstatus=FINISHED\n"));
            assertThat(store.load("experiment/")).containsOnlyKeys("experiment/x");
        }
    }
}
