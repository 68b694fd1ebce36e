package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionAgentTest {

    private final PartitionAgent agent = new PartitionAgent("test-partition", 0);

    @AfterEach
    void stop() {
        agent.close();
    }

    @Test
    void a_command_runs_on_the_callers_thread_and_returns_its_result() {
        Thread caller = Thread.currentThread();

        Thread ran = agent.call(Thread::currentThread);

        assertThat(ran).isSameAs(caller);
    }

    @Test
    void work_posted_by_the_writer_runs_after_the_current_step_but_before_the_command_returns() {
        List<String> log = new ArrayList<>();

        agent.call(() -> {
            agent.post(() -> log.add("venue answer"));
            log.add("command");
            return null;
        });

        assertThat(log).containsExactly("command", "venue answer");
    }

    @Test
    void work_posted_from_another_thread_never_runs_on_that_thread_and_is_applied_in_order() throws Exception {
        List<Integer> applied = new ArrayList<>();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Thread venue = new Thread(() -> {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                agent.post(() -> {
                    applied.add(n);
                    ranOn.set(Thread.currentThread());
                });
            }
        }, "venue");
        venue.start();
        venue.join();
        agent.call(() -> null);

        assertThat(applied).hasSize(1000).isSorted();
        assertThat(ranOn.get()).isNotSameAs(venue);
    }

    @Test
    void a_post_never_blocks_even_while_a_command_holds_the_partition() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> agent.call(() -> {
            holding.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        writer.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger applied = new AtomicInteger();

        long t0 = System.nanoTime();
        agent.post(applied::incrementAndGet);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertThat(tookMs).isLessThan(1000);
        assertThat(applied.get()).isZero();
        release.countDown();
        writer.join();
        agent.call(() -> null);
        assertThat(applied.get()).isEqualTo(1);
    }

    @Test
    void commands_of_many_threads_never_overlap() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    agent.call(() -> {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        inside.decrementAndGet();
                        return null;
                    });
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(overlaps.get()).isZero();
    }

    @Test
    void a_failing_piece_of_work_is_counted_and_does_not_stop_the_next() {
        List<String> log = new ArrayList<>();

        agent.call(() -> {
            agent.post(() -> {
                throw new IllegalStateException("bad report");
            });
            agent.post(() -> log.add("next"));
            return null;
        });

        assertThat(log).containsExactly("next");
        assertThat(agent.failures()).isEqualTo(1);
    }

    @Test
    void a_nested_call_from_the_writer_runs_at_once() {
        int result = agent.call(() -> agent.call(() -> 42));

        assertThat(result).isEqualTo(42);
    }
}
