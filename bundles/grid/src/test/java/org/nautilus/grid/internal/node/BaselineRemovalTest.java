package org.nautilus.grid.internal.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.cluster.BaselineNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two persistent Ignite nodes in one baseline; one stops for good and is removed from the baseline. */
class BaselineRemovalTest {

    private static final int DISCOVERY = 49510;
    private static final int COMMUNICATION = 49610;

    @TempDir
    Path dir;

    private GridSettings node(int n) {
        return new GridSettings("b" + n, "b" + n, dir.resolve("b" + n).toAbsolutePath(), true,
                GridSettings.WalMode.LOG_ONLY, 64, 4, "127.0.0.1", GridSettings.DiscoveryMode.STATIC,
                List.of("127.0.0.1:" + DISCOVERY + ".." + (DISCOVERY + 1)), DISCOVERY + n - 1, 0,
                COMMUNICATION + n - 1, "nautilus", "nautilus-grid", 1, true, false, 10_000, 0, 60_000, false, "");
    }

    private static List<String> baseline(EmbeddedGrid grid) {
        return grid.ignite().cluster().currentBaselineTopology().stream().map(BaselineNode::consistentId)
                .map(String::valueOf).sorted().toList();
    }

    @Test
    void an_offline_node_is_removed_and_nothing_else_is_accepted() {
        try (EmbeddedGrid first = EmbeddedGrid.start(node(1), getClass().getClassLoader())) {
            EmbeddedGrid second = EmbeddedGrid.start(node(2), getClass().getClassLoader());
            first.ignite().cluster().setBaselineTopology(first.ignite().cluster().topologyVersion());
            assertThat(baseline(first)).containsExactly("b1", "b2");

            assertThatThrownBy(() -> BaselineRemoval.remove(first.ignite(), "b2"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("'b2' is online");
            second.close();

            assertThatThrownBy(() -> BaselineRemoval.remove(first.ignite(), "b9"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the baseline [b1, b2]");
            assertThat(baseline(first)).as("refusals change nothing").containsExactly("b1", "b2");

            assertThat(BaselineRemoval.remove(first.ignite(), "b2")).containsExactly("b1");
            assertThat(baseline(first)).containsExactly("b1");
        }
    }
}
