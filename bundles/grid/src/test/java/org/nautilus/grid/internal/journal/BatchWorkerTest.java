package org.nautilus.grid.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue, the thread and its conditions: order, numbering, batch bounds, room, linger, failure, close. */
class BatchWorkerTest {

    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;
    private volatile RuntimeException failWith;
    private BatchWorker<String> worker;

    private BatchWorker<String> worker() {
        worker = new BatchWorker<String>("test-worker", batch -> {
            CountDownLatch g = gate;
            if (g != null) {
                g.await();
            }
            if (failWith != null) {
                throw failWith;
            }
            batches.add(new ArrayList<>(batch));
        });
        return worker;
    }

    @AfterEach
    void stop() {
        if (gate != null) {
            gate.countDown();
        }
        worker.close();
    }

    @Test
    void items_are_numbered_and_handled_in_order_in_batches_of_whole_items_up_to_their_weight() throws Exception {
        List<String> numbered = new CopyOnWriteArrayList<>();
        worker().weight(String::length).maxBatch(5).numbering((item, n) -> numbered.add(n + "=" + item));
        gate = new CountDownLatch(1);
        worker.start();
        worker.add("a");
        // The thread holds "a" at the gate; the rest gathers behind it.
        while (worker.pending() != 1 || worker.lastAdded() != 1) {
            Thread.onSpinWait();
        }
        for (String item : List.of("bb", "ccc", "dddddddd", "e")) {
            worker.add(item);
        }
        gate.countDown();

        assertThat(worker.awaitHandled(TimeUnit.SECONDS.toNanos(5))).isTrue();
        assertThat(numbered).containsExactly("1=a", "2=bb", "3=ccc", "4=dddddddd", "5=e");
        assertThat(batches).extracting(List::size).doesNotContain(0);
        assertThat(batches.stream().flatMap(List::stream)).containsExactly("a", "bb", "ccc", "dddddddd", "e");
        // Whole items within 5 of weight; the heavier one alone.
        assertThat(batches).contains(List.of("dddddddd"));
        assertThat(batches).allSatisfy(b -> assertThat(b.size() == 1
                || b.stream().mapToInt(String::length).sum() <= 5).isTrue());
        assertThat(worker.lastHandled()).isEqualTo(5);
        assertThat(worker.pending()).isZero();
    }

    @Test
    void room_is_waited_for_until_the_pending_weight_is_below_the_limit() throws Exception {
        worker().start();
        gate = new CountDownLatch(1);
        worker.add("x");
        worker.add("y");
        CompletableFuture.runAsync(() -> worker.awaitRoom(3)).get(5, TimeUnit.SECONDS);

        CompletableFuture<Void> room = CompletableFuture.runAsync(() -> worker.awaitRoom(2));
        Thread.sleep(100); // a negative check: nothing may free room while the gate is shut, so no condition to await
        assertThat(room).as("2 pending, at most 2").isNotDone();
        gate.countDown();
        room.get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_small_batch_lingers_for_more_unless_someone_waits_for_it() throws Exception {
        worker().linger(TimeUnit.SECONDS.toNanos(30), 10).start();
        worker.add("first");
        worker.add("second");
        Thread.sleep(100); // a negative check: the worker must not hand over a batch of two while it lingers
        assertThat(batches).as("lingering: under 10 waiting").isEmpty();

        assertThat(worker.awaitHandled(TimeUnit.SECONDS.toNanos(5))).isTrue();
        assertThat(batches).containsExactly(List.of("first", "second"));
    }

    @Test
    void a_failing_handler_stops_the_worker_tells_once_and_refuses_later_items() throws Exception {
        AtomicInteger told = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        worker().onFailure(e -> {
            told.incrementAndGet();
            stopped.countDown();
        });
        failWith = new IllegalStateException("disk full");
        worker.start();
        worker.add("doomed");

        assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.failure()).isSameAs(failWith);
        assertThat(worker.add("later")).isEqualTo(-1);
        assertThat(worker.awaitHandled(TimeUnit.SECONDS.toNanos(5))).isFalse();
        worker.awaitRoom(1);
        worker.halt(new IllegalStateException("again"));
        assertThat(told).hasValue(1);
    }

    @Test
    void close_handles_what_was_added_then_refuses_more() {
        worker().start();
        gate = new CountDownLatch(1);
        worker.add("a");
        worker.add("b");
        gate.countDown();

        worker.close();

        assertThat(batches.stream().flatMap(List::stream)).containsExactly("a", "b");
        assertThat(worker.add("c")).isEqualTo(-1);
    }
}
