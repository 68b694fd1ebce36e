package org.nautilus.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FixSessionStateTest {

    private static final Instant T = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void aFreshSessionStartsAtOneAndTheWithersChangeOneNumberOnly() {
        FixSessionState fresh = FixSessionState.fresh(T);
        assertThat(fresh).isEqualTo(new FixSessionState(1, 1, T));
        assertThat(fresh.withNextSenderSeqNum(5).withNextTargetSeqNum(3)).isEqualTo(new FixSessionState(5, 3, T));
    }

    @Test
    void sequenceNumbersBelowOneAndBlankSessionIdsAreRefused() {
        assertThatThrownBy(() -> new FixSessionState(0, 1, T)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence numbers start at 1, got sender 0, target 1");
        assertThatThrownBy(() -> FixSessionState.fresh(T).withNextTargetSeqNum(-2))
                .hasMessageContaining("target -2");
        assertThatThrownBy(() -> new FixSessionState(1, 1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FixSessionId.of(" ")).hasMessage("FixSessionId must not be blank");
        assertThatThrownBy(() -> FixSessionId.of("x".repeat(257))).hasMessageContaining("longer than 256");
        assertThat(FixSessionId.of("FIX.4.4:NAUTILUS->C1")).hasToString("FIX.4.4:NAUTILUS->C1");
    }
}
