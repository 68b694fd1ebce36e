package org.nautilus.grid.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nautilus.api.snapshot.SnapshotInfo;
import org.nautilus.grid.internal.node.GridSettings;

/** Scheduled snapshots are named by the time and only the newest {@code keep} of them stay; others are never pruned. */
class SnapshotRetentionTest {

    @TempDir
    Path tmp;

    @Test
    void the_newest_scheduled_snapshots_are_kept_and_those_taken_on_demand_are_left_alone() {
        try (StandaloneStore node = new StandaloneStore(GridSettings.localNode("retention", tmp.resolve("work"), 48771,
                48871), getClass().getClassLoader())) {
            Snapshots snapshots = new Snapshots(node.grid(), node, new LocalFolderTarget(tmp.resolve("snapshots")),
                    tmp.resolve("staging"), Clock.fixed(Instant.parse("2024-03-01T14:30:00Z"), ZoneOffset.UTC));
            assertThat(snapshots.timedName("auto")).isEqualTo("auto_20240301_143000");
            snapshots.create("before_upgrade");
            snapshots.create("auto_1");
            snapshots.create("auto_2");
            snapshots.create("auto_3");

            assertThat(snapshots.prune("auto_", 2)).containsExactly("auto_1");

            assertThat(snapshots.list()).extracting(SnapshotInfo::name)
                    .containsExactlyInAnyOrder("before_upgrade", "auto_2", "auto_3");
        }
    }
}
