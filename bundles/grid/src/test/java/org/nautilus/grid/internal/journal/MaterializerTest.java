package org.nautilus.grid.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nautilus.api.store.StoreException;
import org.nautilus.testsupport.Await;

/** Writing behind the journal without a grid: whole groups in order, the bounded lag, a failing write. */
class MaterializerTest {

    private final List<List<Long>> written = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate;
    private volatile RuntimeException failure;
    private final AtomicReference<Throwable> reported = new AtomicReference<>();
    private Materializer<String> materializer;

    private final Materializer.Sink<String> sink = new Materializer.Sink<>() {
        @Override
        public void write(List<Materializer.Group<String>> batch) throws Exception {
            CountDownLatch g = gate;
            if (g != null) {
                g.await();
            }
            if (failure != null) {
                throw failure;
            }
            List<Long> sequences = new ArrayList<>();
            batch.forEach(group -> sequences.add(group.journalSequence()));
            written.add(sequences);
        }

        @Override
        public void written(List<Materializer.Group<String>> batch) {
        }
    };

    private Materializer<String> start(int maxBatch, int maxLag) {
        materializer = new Materializer<>("test", sink, maxBatch, maxLag, reported::set);
        return materializer;
    }

    @AfterEach
    void stop() {
        if (gate != null) {
            gate.countDown();
        }
        materializer.close();
    }

    private static Materializer.Group<String> group(long sequence, int units) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            list.add(sequence + "." + i);
        }
        return new Materializer.Group<>(list, sequence, new byte[0]);
    }

    @Test
    void groups_are_written_whole_and_in_order_and_a_reader_can_wait_for_them() {
        Materializer<String> m = start(4, 100);
        for (long s = 1; s <= 5; s++) {
            m.add(group(s, 3));
        }

        m.awaitWritten(Duration.ofSeconds(5));

        List<Long> all = new ArrayList<>();
        written.forEach(all::addAll);
        assertThat(all).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(written).allSatisfy(batch -> assertThat(batch.size() * 3).isLessThanOrEqualTo(6));
        assertThat(m.stats().units()).isEqualTo(15);
        assertThat(m.stats().lag()).isZero();
    }

    @Test
    void past_the_lag_bound_the_journal_waits_for_the_caches() throws Exception {
        Materializer<String> m = start(10, 5);
        gate = new CountDownLatch(1);
        m.add(group(1, 5));
        CompletableFuture<Void> room = new CompletableFuture<>();
        Thread journal = new Thread(() -> {
            m.awaitRoom();
            room.complete(null);
        }, "journal");
        journal.start();

        Await.parked(journal);
        assertThat(room).as("5 commands behind, at most 5").isNotDone();
        gate.countDown();
        room.get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_write_that_fails_is_reported_and_readers_and_the_journal_stop_waiting() {
        Materializer<String> m = start(10, 1);
        failure = new IllegalStateException("disk full");
        m.add(group(1, 1));

        assertThatThrownBy(() -> m.awaitWritten(Duration.ofSeconds(5))).isInstanceOf(StoreException.class)
                .hasMessageContaining("the caches stay behind the journal").hasMessageContaining("disk full");
        // Reported right after the readers are released, on the materializer's thread.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reported.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(reported.get()).isSameAs(failure);
        m.awaitRoom();
        assertThat(m.failure()).isSameAs(failure);
    }
}
