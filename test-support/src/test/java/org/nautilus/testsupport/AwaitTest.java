package org.nautilus.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void returnsOnceAnotherThreadMakesTheConditionTrue() throws Exception {
        AtomicInteger value = new AtomicInteger();
        Thread writer = new Thread(() -> value.set(42));
        writer.start();

        assertThat(Await.until("42", Duration.ofSeconds(10), value::get, v -> v == 42)).isEqualTo(42);
        writer.join();
    }

    @Test
    void failsNamingWhatWasAwaitedAndTheLastValue() {
        assertThatThrownBy(() -> Await.until("the answer", Duration.ofMillis(20), () -> 7, v -> v == 42))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the answer").hasMessageContaining("last: 7");
        assertThatThrownBy(() -> Await.until("never", Duration.ofMillis(20), () -> false))
                .isInstanceOf(AssertionError.class).hasMessageContaining("never");
    }

    @Test
    void seesAThreadBlockOnItsLatch() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiter");
        waiter.start();

        Await.parked(waiter);
        assertThat(waiter.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        release.countDown();
        waiter.join();
    }

    @Test
    void theClockMovesOnlyWhenTold() {
        MutableClock clock = new MutableClock(Instant.parse("2024-03-01T14:30:00Z"));
        clock.advance(Duration.ofSeconds(90));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-03-01T14:31:30Z"));
        clock.set(Instant.EPOCH);
        assertThat(clock.millis()).isZero();
    }
}
