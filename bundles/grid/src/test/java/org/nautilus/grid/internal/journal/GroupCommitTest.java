package org.nautilus.grid.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.store.Commit;
import org.nautilus.api.store.StoreException;
import org.nautilus.testsupport.Await;

/** The write path without a grid: units, their order, grouping, durability waits and failures. */
class GroupCommitTest {

    /** A unit of work that notes subjects. */
    static final class Unit extends UnitOfWork {
        final List<String> subjects = new ArrayList<>();

        @Override
        public boolean isEmpty() {
            return subjects.isEmpty();
        }

        @Override
        public int size() {
            return subjects.size();
        }
    }

    /** Records each group as the list of audit subjects it holds; optionally blocks or fails. */
    private final List<List<String>> written = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch writerGate;
    private final CountDownLatch writerEntered = new CountDownLatch(1);
    private volatile RuntimeException writerFailure;
    private GroupCommit<Unit> commit;

    private GroupCommit<Unit> start(int maxBatch) {
        commit = new GroupCommit<>("test", Unit::new, batch -> {
            writerEntered.countDown();
            CountDownLatch gate = writerGate;
            if (gate != null) {
                gate.await();
            }
            if (writerFailure != null) {
                throw writerFailure;
            }
            List<String> subjects = new ArrayList<>();
            batch.forEach(unit -> subjects.addAll(unit.subjects));
            written.add(subjects);
        }, maxBatch, Duration.ofSeconds(5));
        return commit;
    }

    @AfterEach
    void stop() {
        if (commit != null) {
            commit.close();
        }
    }

    private static void note(Unit unit, String subject) {
        unit.subjects.add(subject);
    }

    @Test
    void a_unit_is_written_when_its_outermost_end_hands_it_over_and_nested_units_join_it() {
        start(10);
        commit.begin();
        commit.write(u -> note(u, "a"));
        commit.begin();
        commit.write(u -> note(u, "b"));
        Commit inner = commit.end();
        assertThat(inner).isSameAs(Commit.DONE);
        assertThat(commit.inUnit()).isTrue();

        commit.end().await();

        assertThat(written).containsExactly(List.of("a", "b"));
        assertThat(commit.inUnit()).isFalse();
    }

    @Test
    void a_write_outside_a_unit_is_its_own_unit_and_durable_when_it_returns() {
        start(10);

        commit.write(u -> note(u, "alone"));

        assertThat(written).containsExactly(List.of("alone"));
    }

    @Test
    void units_handed_over_while_a_group_is_written_share_the_next_group_in_order() throws Exception {
        start(100);
        writerGate = new CountDownLatch(1);
        commit.begin();
        commit.write(u -> note(u, "first"));
        Commit first = commit.end();
        // The committer now holds "first" at the gate; these gather behind it.
        assertThat(writerEntered.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first.isDone()).isFalse();
        List<Commit> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            commit.begin();
            int n = i;
            commit.write(u -> note(u, "u" + n));
            later.add(commit.end());
        }
        assertThat(later.get(4).await(Duration.ofMillis(100))).isFalse();

        writerGate.countDown();
        for (Commit c : later) {
            c.await();
        }

        assertThat(written).hasSize(2);
        assertThat(written.get(0)).containsExactly("first");
        assertThat(written.get(1)).containsExactly("u0", "u1", "u2", "u3", "u4");
        assertThat(commit.stats().units()).isEqualTo(6);
        assertThat(commit.stats().groups()).isEqualTo(2);
    }

    @Test
    void an_action_waiting_for_a_commit_runs_once_durable_on_the_acknowledger_and_at_once_if_already_durable()
            throws Exception {
        start(100);
        writerGate = new CountDownLatch(1);
        commit.begin();
        commit.write(u -> note(u, "held"));
        Commit held = commit.end();
        assertThat(writerEntered.await(5, TimeUnit.SECONDS)).isTrue();
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        held.whenDone(failure -> {
            ran.add(Thread.currentThread().getName() + " " + failure + " " + written.size());
            done.countDown();
        });
        // The committer is held inside the writer (writerEntered), so nothing can have made the unit durable yet.
        assertThat(ran).as("not before the unit is durable").isEmpty();

        writerGate.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).as("off the committer, which may write the next group meanwhile")
                .containsExactly("test-acknowledger null 1");

        held.whenDone(failure -> ran.add(Thread.currentThread().getName() + " " + failure));
        assertThat(ran).as("already durable: on the caller, at once").hasSize(2)
                .last().isEqualTo(Thread.currentThread().getName() + " null");
    }

    @Test
    void an_action_waiting_for_a_commit_that_fails_gets_the_failure() throws Exception {
        start(100);
        writerGate = new CountDownLatch(1);
        writerFailure = new IllegalStateException("disk full");
        commit.begin();
        commit.write(u -> note(u, "doomed"));
        Commit doomed = commit.end();
        List<StoreException> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        doomed.whenDone(failure -> {
            failures.add(failure);
            done.countDown();
        });

        writerGate.countDown();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).singleElement().isNotNull().extracting(Throwable::getMessage).asString()
                .contains("disk full");
    }

    @Test
    void max_batch_one_writes_every_unit_on_its_own() {
        start(1);
        writerGate = new CountDownLatch(1);
        List<Commit> commits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            commit.begin();
            int n = i;
            commit.write(u -> note(u, "u" + n));
            commits.add(commit.end());
        }
        writerGate.countDown();
        commits.forEach(Commit::await);

        assertThat(written).containsExactly(List.of("u0"), List.of("u1"), List.of("u2"), List.of("u3"));
    }

    @Test
    void an_empty_unit_is_durable_once_everything_before_it_is() throws Exception {
        start(10);
        writerGate = new CountDownLatch(1);
        commit.begin();
        commit.write(u -> note(u, "work"));
        Commit work = commit.end();
        commit.begin();
        Commit empty = commit.end();

        assertThat(empty.await(Duration.ofMillis(100))).isFalse();
        writerGate.countDown();
        empty.await();
        assertThat(work.isDone()).isTrue();
    }

    @Test
    void a_caller_waits_for_its_unit_and_is_released_by_the_commit() throws Exception {
        start(10);
        writerGate = new CountDownLatch(1);
        AtomicReference<Thread> callerThread = new AtomicReference<>();
        ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "caller");
            callerThread.set(t);
            return t;
        });
        try {
            Future<?> acknowledged = caller.submit(() -> commit.write(u -> note(u, "order")));
            Await.until("the caller started", () -> callerThread.get() != null);
            Await.parked(callerThread.get());
            assertThat(acknowledged).isNotDone();

            writerGate.countDown();
            acknowledged.get(5, TimeUnit.SECONDS);
            assertThat(written).containsExactly(List.of("order"));
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void a_failed_group_fails_its_units_and_every_later_one() {
        start(10);
        writerFailure = new IllegalStateException("disk full");

        assertThatThrownBy(() -> commit.write(u -> note(u, "lost"))).isInstanceOf(StoreException.class)
                .hasMessageContaining("disk full");
        writerFailure = null;
        commit.begin();
        commit.write(u -> note(u, "after"));
        Commit after = commit.end();

        assertThatThrownBy(after::await).isInstanceOf(StoreException.class).hasMessageContaining("disk full");
        assertThat(written).isEmpty();
        assertThat(commit.failure()).isNotNull();
    }

    @Test
    void an_end_without_a_unit_is_a_programming_error() {
        start(10);

        assertThatThrownBy(commit::end).isInstanceOf(IllegalStateException.class).hasMessageContaining("no unit");
    }

    @Test
    void units_from_many_threads_are_all_written_once() throws Exception {
        start(64);
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = i;
                        commit.write(u -> note(u, thread + "-" + n));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> all = new ArrayList<>();
        written.forEach(all::addAll);
        assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
        // Each thread's units are written in its order.
        for (int t = 0; t < threads; t++) {
            String prefix = t + "-";
            assertThat(all.stream().filter(s -> s.startsWith(prefix)).map(s -> Integer.parseInt(s.substring(2))))
                    .isSorted();
        }
    }

    /** A writer that records on which thread each unit was prepared, optionally failing to prepare one. */
    private GroupCommit<Unit> startPreparing(List<String> preparedOn, String failOn) {
        commit = new GroupCommit<>("test", Unit::new, new GroupCommit.Writer<>() {
            @Override
            public void prepare(Unit unit) {
                String subject = unit.subjects.get(0);
                if (subject.equals(failOn)) {
                    throw new IllegalStateException("cannot encode " + subject);
                }
                preparedOn.add(subject + "@" + Thread.currentThread().getName());
            }

            @Override
            public void write(List<Unit> group) throws Exception {
                CountDownLatch gate = writerGate;
                if (gate != null) {
                    gate.await();
                }
                List<String> subjects = new ArrayList<>();
                group.forEach(unit -> subjects.addAll(unit.subjects));
                written.add(subjects);
            }
        }, 10, Duration.ofSeconds(5));
        return commit;
    }

    @Test
    void a_unit_is_prepared_after_it_was_handed_over_by_the_caller_who_waits_for_it() throws Exception {
        List<String> preparedOn = new CopyOnWriteArrayList<>();
        startPreparing(preparedOn, null);
        writerGate = new CountDownLatch(1);
        // The committer is held in the first group, so the second unit waits in the queue for its caller.
        commit.begin();
        commit.write(u -> note(u, "first"));
        Commit first = commit.end();
        while (written.isEmpty() && preparedOn.isEmpty()) {
            Thread.onSpinWait();
        }
        commit.begin();
        commit.write(u -> note(u, "second"));
        Commit second = commit.end();
        assertThat(preparedOn).noneMatch(p -> p.startsWith("second"));

        Thread caller = new Thread(second::await, "caller");
        caller.start();
        while (preparedOn.stream().noneMatch(p -> p.startsWith("second"))) {
            Thread.onSpinWait();
        }
        writerGate.countDown();
        caller.join(5000);
        first.await();

        assertThat(preparedOn).contains("second@caller");
        assertThat(written).flatExtracting(l -> l).containsExactly("first", "second");
    }

    @Test
    void a_unit_that_cannot_be_prepared_fails_its_commit_and_the_store() {
        startPreparing(new CopyOnWriteArrayList<>(), "bad");
        commit.begin();
        commit.write(u -> note(u, "bad"));
        Commit bad = commit.end();

        assertThatThrownBy(bad::await).isInstanceOf(StoreException.class).hasMessageContaining("cannot encode bad");
        assertThatThrownBy(() -> commit.write(u -> note(u, "later"))).isInstanceOf(StoreException.class);
        assertThat(written).isEmpty();
    }
}
