package org.nautilus.grid.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.store.StoreException;
import org.nautilus.testsupport.Await;

/**
 * A node holding the OMS singleton never sits on it without an OMS: a failed epoch transaction is retried with a
 * doubling, bounded delay; an OMS that failed to start is started again; the reason is told meanwhile.
 */
class LeadershipTest {

    /** Fails the epoch transaction {@code failures} times, then hands out epochs 7, 8, ... */
    static final class Host implements Leadership.Host {
        final AtomicInteger failuresLeft;
        final AtomicInteger attempts = new AtomicInteger();
        final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
        final List<Long> registered = new CopyOnWriteArrayList<>();
        final AtomicInteger unregistered = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();
        final AtomicReference<String> startFailure = new AtomicReference<>();
        final AtomicLong nextEpoch = new AtomicLong(7);

        Host(int failures) {
            failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public long acquireEpoch() {
            attempts.incrementAndGet();
            attemptTimes.add(System.nanoTime());
            if (failuresLeft.getAndDecrement() > 0) {
                throw new StoreException("transaction timed out (partition map exchange)");
            }
            return nextEpoch.getAndIncrement();
        }

        @Override
        public void releaseEpoch() {
            released.incrementAndGet();
        }

        @Override
        public Runnable register(long epoch) {
            registered.add(epoch);
            return unregistered::incrementAndGet;
        }

        @Override
        public Optional<String> startFailure() {
            return Optional.ofNullable(startFailure.get());
        }

        @Override
        public Optional<String> waitingFor() {
            return Optional.of("OmsComponent: its risk");
        }
    }

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong now = new AtomicLong(1_000_000);

    @AfterEach
    void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    private Leadership leadership(Host host, long firstMs, long maxMs) {
        return new Leadership("n2", host, thread, Duration.ofMillis(firstMs), Duration.ofMillis(maxMs), now::get);
    }

    private void onThread(Runnable action) throws Exception {
        thread.submit(action).get(5, TimeUnit.SECONDS);
    }

    @Test
    void an_epoch_that_cannot_be_taken_is_retried_with_a_doubling_bounded_delay_until_it_is() throws Exception {
        Host host = new Host(4);
        Leadership leadership = leadership(host, 40, 100);
        onThread(leadership::acquired);

        assertThat(leadership.registered()).isFalse();
        assertThat(leadership.whyNoOms()).get().asString()
                .contains("node n2 holds the OMS leadership but could not take its epoch", "transaction timed out")
                .containsPattern("\\(\\d attempts?, last");
        Await.until("the leadership registered after four failures", () -> leadership.registered());
        assertThat(host.attempts).hasValue(5);
        assertThat(host.registered).containsExactly(7L);
        assertThat(leadership.epoch()).isEqualTo(7);
        // Delays 40, 80, 100 (bounded), 100 ms: each gap at least its delay.
        long[] expected = {40, 80, 100, 100};
        for (int i = 0; i < expected.length; i++) {
            long gapMs = (host.attemptTimes.get(i + 1) - host.attemptTimes.get(i)) / 1_000_000;
            assertThat(gapMs).as("delay before attempt %d", i + 2).isGreaterThanOrEqualTo(expected[i]);
        }
        onThread(() -> leadership.check(false));
        assertThat(leadership.whyNoOms()).get().asString()
                .contains("node n2 holds the OMS leadership (epoch 7", "waiting for OmsComponent: its risk");
        onThread(() -> leadership.check(true));
        assertThat(leadership.whyNoOms()).isEmpty();
    }

    @Test
    void a_singleton_that_leaves_while_retrying_stops_the_retries() throws Exception {
        Host host = new Host(Integer.MAX_VALUE);
        Leadership leadership = leadership(host, 20, 20);
        onThread(leadership::acquired);
        Await.until("a second attempt", () -> host.attempts.get() >= 2);
        onThread(leadership::lost);
        int attempts = host.attempts.get();
        Thread.sleep(100); // a negative check: no attempt may follow in five retry delays
        assertThat(host.attempts.get()).isEqualTo(attempts);
        assertThat(host.registered).isEmpty();
        assertThat(host.released).hasValue(1);
        assertThat(leadership.whyNoOms()).isEmpty();
    }

    @Test
    void an_OMS_that_failed_to_start_is_started_again_by_registering_the_leadership_again() throws Exception {
        Host host = new Host(0);
        Leadership leadership = leadership(host, 1000, 4000);
        onThread(leadership::acquired);
        assertThat(host.registered).containsExactly(7L);
        host.startFailure.set("OmsComponent: StoreException: could not recover");

        onThread(() -> leadership.check(false));
        assertThat(host.unregistered).as("not before the first delay").hasValue(0);
        assertThat(leadership.whyNoOms()).get().asString().contains("the OMS failed to start",
                "could not recover", "starting it again in 1 s");

        now.addAndGet(1000);
        onThread(() -> leadership.check(false));
        assertThat(host.unregistered).hasValue(1);
        assertThat(host.registered).containsExactly(7L, 7L);

        now.addAndGet(1000);
        onThread(() -> leadership.check(false));
        assertThat(host.unregistered).as("the delay doubled to 2 s").hasValue(1);
        now.addAndGet(1000);
        onThread(() -> leadership.check(false));
        assertThat(host.unregistered).hasValue(2);

        host.startFailure.set(null);
        onThread(() -> leadership.check(true));
        assertThat(leadership.whyNoOms()).isEmpty();
        onThread(leadership::lost);
        assertThat(host.unregistered).hasValue(3);
        assertThat(leadership.registered()).isFalse();
    }
}
