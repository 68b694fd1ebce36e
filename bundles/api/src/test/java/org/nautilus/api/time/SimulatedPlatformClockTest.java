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

    @Test
    void workDueNowKeepsItsPlaceAmongTasksOfTheSameTimeScheduledEarlierOrLater() {
        // Tasks due at once are held apart from the ones in the future (a FIFO beside the heap): the order must be
        // the same as one queue's, by due time and then by scheduling order.
        SimulatedPlatformClock clock = new SimulatedPlatformClock(T0);
        List<String> ran = new ArrayList<>();
        clock.schedule(T0.plusSeconds(10), () -> {
            ran.add("scheduled@10");
            // Scheduled while running at 10: due now, so after the other task of 10 that was scheduled before it.
            clock.execute(() -> ran.add("now-from-10@" + clock.now()));
            clock.schedule(T0, () -> ran.add("past-from-10@" + clock.now()));
        });
        clock.schedule(T0.plusSeconds(10), () -> ran.add("second@10"));
        clock.schedule(T0.plusSeconds(11), () -> ran.add("scheduled@11"));
        clock.execute(() -> ran.add("now@" + clock.now()));
        assertThat(clock.pending()).isEqualTo(4);
        assertThat(clock.nextDue()).isEqualTo(T0);
        clock.advanceTo(T0.plusSeconds(20));
        assertThat(ran).containsExactly("now@" + T0, "scheduled@10", "second@10",
                "now-from-10@" + T0.plusSeconds(10), "past-from-10@" + T0.plusSeconds(10), "scheduled@11");
        assertThat(clock.pending()).isZero();
        assertThat(clock.nextDue()).isNull();
        ScheduledTask canceled = clock.execute(() -> ran.add("canceled"));
        canceled.cancel();
        clock.runDue();
        assertThat(ran).hasSize(6);
    }
}
