package org.nautilus.grid.internal.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

class JvmChecksTest {

    @Test
    void theTestJvmHasEveryFlagIgniteNeeds() {
        // surefire passes ${ignite.jvm.opens}: this fails if that list and the check drift apart.
        assertThat(JvmChecks.missingOpens(EmbeddedGrid.class)).isEmpty();
    }

    @Test
    void aModuleWithoutTheFlagsIsReportedWithTheExactFlags() {
        // java.base's own module is not an unnamed module, so none of the ALL-UNNAMED opens reach it.
        assertThat(JvmChecks.missingOpens(Connection.class))
                .contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
    }
}
