package org.nautilus.research.internal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nautilus.api.research.expression.FactorDefinition;

/**
 * A snapshot restores only into a stream of its own program. (That a restored stream continues bit for bit is
 * shown on every shipped library by {@code plugins-factors/alpha158}'s {@code SnapshotResumeTest}: this module
 * cannot depend on the libraries, whose tests depend on it.)
 */
class StreamSnapshotTest {

    @Test
    void a_snapshot_of_another_program_or_truncated_bytes_is_refused() {
        FactorProgram mean5 = FactorGraph.compile(List.of(new FactorDefinition("M", "Mean($close, 5)", "")))
                .programOrThrow();
        FactorProgram mean10 = FactorGraph.compile(List.of(new FactorDefinition("M", "Mean($close, 10)", "")))
                .programOrThrow();
        FactorStream stream = mean5.newStream();
        stream.update(1, 2, 0.5, 1.5, 100, Double.NaN);
        byte[] snapshot = stream.snapshot();

        assertThat(mean5.digest()).isNotEqualTo(mean10.digest());
        assertThatThrownBy(() -> mean10.restore(snapshot)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not this operator's state");
        assertThatThrownBy(() -> mean5.restore(Arrays.copyOf(snapshot, snapshot.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter");
        assertThatThrownBy(() -> mean5.restore(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a factor stream snapshot");
    }
}
