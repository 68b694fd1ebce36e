package org.nautilus.api.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedPlatformClockTest {

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");

    @Test
    void tasksRunInDueOrderAtTheirOwnTimeWhenTheClockPassesThem() {
        SimulatedPlatformClock clock = new SimulatedPlatformClock(T0);
        List<String> ran = new ArrayList<>();
        clock.schedule(T0.plusSeconds(20), () -> ran.add("b@" + clock.now()));
        clock.schedule(T0.plusSeconds(10), () -> ran.add("a@" + clock.now()));
        clock.schedule(T0.plusSeconds(20), () -> ran.add("c@" + clock.now()));
        clock.advanceTo(T0.plusSeconds(15));
        assertThat(ran).containsExactly("a@" + T0.plusSeconds(10));
        assertThat(clock.now()).isEqualTo(T0.plusSeconds(15));
        clock.advanceTo(T0.plusSeconds(30));
        assertThat(ran).containsExactly("a@" + T0.plusSeconds(10), "b@" + T0.plusSeconds(20),
                "c@" + T0.plusSeconds(20));
        assertThat(clock.clock().instant()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aPeriodicTaskLeftBehindByAJumpRunsAtItsDueTimeAndOnceAtTheNewTime() {
        SimulatedPlatformClock clock = new SimulatedPlatformClock(T0);
        List<Instant> runs = new ArrayList<>();
        ScheduledTask task = clock.every(Duration.ofMillis(100), () -> runs.add(clock.now()));
        clock.advanceTo(T0.plus(Duration.ofDays(1)));
        assertThat(runs).containsExactly(T0.plusMillis(100), T0.plus(Duration.ofDays(1)));
        clock.advanceTo(T0.plus(Duration.ofDays(1)).plusMillis(250));
        assertThat(runs).hasSize(4);
        task.cancel();
        clock.advanceTo(T0.plus(Duration.ofDays(2)));
        assertThat(runs).hasSize(4);
    }

    @Test
    void workScheduledNowRunsAtTheNextRunDueAndTimeNeverGoesBack() {
        SimulatedPlatformClock clock = new SimulatedPlatformClock(T0);
        List<String> ran = new ArrayList<>();
        clock.execute(() -> ran.add("now"));
        assertThat(ran).isEmpty();
        clock.runDue();
        assertThat(ran).containsExactly("now");
        assertThatThrownBy(() -> clock.advanceTo(T0.minusSeconds(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot go back");
        ScheduledTask canceled = clock.schedule(T0.plusSeconds(1), () -> ran.add("canceled"));
        canceled.cancel();
        clock.advanceTo(T0.plusSeconds(2));
        assertThat(ran).containsExactly("now");
    }
}
