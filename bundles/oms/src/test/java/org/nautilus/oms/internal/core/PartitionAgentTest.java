package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.oms.OrderServiceUnavailableException;

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
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = holdPartition(release);
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

    /** Holds the partition on another thread until {@code release} opens; returns that thread, holding it. */
    private Thread holdPartition(CountDownLatch release) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        Thread writer = new Thread(() -> agent.call(() -> {
            holding.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "holder");
        writer.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        return writer;
    }

    @Test
    void an_async_command_while_the_partition_is_held_returns_at_once_and_the_holder_applies_it() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = holdPartition(release);
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        CompletableFuture<String> future = agent.callAsync(() -> {
            ranOn.set(Thread.currentThread());
            return "applied";
        }, result -> result + " and durable");

        assertThat(future).isNotDone();
        assertThat(ranOn.get()).isNull();
        release.countDown();
        writer.join();
        assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("applied and durable");
        assertThat(ranOn.get()).as("applied by the holder before it let go").isSameAs(writer);
    }

    @Test
    void async_commands_are_applied_in_arrival_order_and_before_a_later_synchronous_command() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = holdPartition(release);
        List<Integer> applied = new ArrayList<>();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            futures.add(agent.callAsync(() -> {
                applied.add(n);
                return n;
            }, result -> result));
        }
        // A client that submitted asynchronously and then cancels: the cancel finds every earlier submit applied.
        Thread canceler = new Thread(() -> agent.call(() -> applied.add(-1)), "canceler");
        canceler.start();
        release.countDown();
        writer.join();
        canceler.join(5000);

        assertThat(applied).hasSize(101);
        assertThat(applied.subList(0, 100)).isSorted();
        assertThat(applied.get(100)).isEqualTo(-1);
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i);
        }
    }

    @Test
    void an_async_command_that_throws_fails_its_future_only() throws Exception {
        CompletableFuture<Object> failed = agent.callAsync(() -> {
            throw new IllegalArgumentException("bad order");
        }, result -> result);
        CompletableFuture<Integer> next = agent.callAsync(() -> 7, result -> result);

        assertThat(failed).isCompletedExceptionally();
        assertThatThrownBy(failed::join).hasCauseInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad order");
        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo(7);
    }

    @Test
    void async_commands_of_many_threads_never_overlap_and_all_complete() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Thread[] threads = new Thread[8];
        List<CompletableFuture<Integer>> futures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    futures.add(agent.callAsync(() -> {
                        if (inside.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        inside.decrementAndGet();
                        return done.incrementAndGet();
                    }, result -> result));
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(overlaps.get()).isZero();
        assertThat(done.get()).isEqualTo(16_000);
    }

    @Test
    void closing_fails_the_async_commands_nobody_applied() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = holdPartition(release);
        // Queued while the holder is inside its command; closed before it gets to it.
        AtomicInteger applied = new AtomicInteger();
        CompletableFuture<Integer> future = agent.callAsync(applied::incrementAndGet, result -> result);
        Thread closer = new Thread(agent::close, "closer");
        closer.start();
        closer.join(5000);
        release.countDown();
        writer.join();

        assertThat(applied.get()).isZero();
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OrderServiceUnavailableException.class).hasMessageContaining("send it again");
    }

    @Test
    void async_commands_queued_behind_a_command_that_fails_are_still_applied() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                agent.call(() -> {
                    holding.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IllegalStateException("the holder's command failed");
                });
            } catch (IllegalStateException expected) {
                // the holder's own failure, not this test's subject
            }
        }, "failing holder");
        writer.start();
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> queued = agent.callAsync(() -> "applied", result -> result);
        release.countDown();
        writer.join();

        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("applied");
    }
}
