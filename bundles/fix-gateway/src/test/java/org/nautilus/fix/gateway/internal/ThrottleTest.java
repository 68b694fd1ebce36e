package org.nautilus.fix.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void threePerSecondLetsThreeThroughThenWaitsForTheNextSecond() {
        Throttle throttle = new Throttle(3);
        long t = 5_000_000_000L;
        assertThat(throttle.tryAcquire(t)).isTrue();
        assertThat(throttle.tryAcquire(t + 1)).isTrue();
        assertThat(throttle.tryAcquire(t + 2)).isTrue();
        assertThat(throttle.tryAcquire(t + 3)).isFalse();
        assertThat(throttle.tryAcquire(t + 999_999_999L)).isFalse();
        assertThat(throttle.tryAcquire(t + 1_000_000_000L)).isTrue();
    }

    @Test
    void zeroMeansNoLimit() {
        Throttle throttle = new Throttle(0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(throttle.tryAcquire(i)).isTrue();
        }
    }
}
