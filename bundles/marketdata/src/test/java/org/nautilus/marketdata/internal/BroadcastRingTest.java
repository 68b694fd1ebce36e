package org.nautilus.marketdata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nautilus.testsupport.Await;

class BroadcastRingTest {

    @Test
    void theCapacityIsAPowerOfTwo() {
        assertThat(new BroadcastRing(16).capacity()).isEqualTo(16);
        assertThat(new BroadcastRing(17).capacity()).isEqualTo(32);
        assertThatThrownBy(() -> new BroadcastRing(1)).hasMessageContaining("at least 2");
    }

    @Test
    void eachEventIsInItsSequencesSlotUntilALapOverwritesIt() {
        BroadcastRing ring = new BroadcastRing(4);
        for (int i = 0; i < 6; i++) {
            ring.publish("e" + i);
        }
        assertThat(ring.cursor()).isEqualTo(6);
        assertThat(ring.slot(5).event()).isEqualTo("e5");
        assertThat(ring.slot(5).sequence()).isEqualTo(5);
        // sequence 1 shares its slot with 5: a reader at 1 sees a later sequence and knows it was lapped
        assertThat(ring.slot(1).sequence()).isGreaterThan(1);
    }

    @Test
    void concurrentPublishersEachGetTheirOwnSequence() throws Exception {
        BroadcastRing ring = new BroadcastRing(1 << 16);
        ring.register(); // a reader that reads nothing keeps every slot
        int perThread = 10_000;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    ring.publish(thread * perThread + i);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        boolean[] seen = new boolean[4 * perThread];
        for (long s = 0; s < ring.cursor(); s++) {
            BroadcastRing.Slot slot = ring.slot(s);
            assertThat(slot.sequence()).isEqualTo(s);
            seen[(Integer) slot.event()] = true;
        }
        for (boolean b : seen) {
            assertThat(b).isTrue();
        }
    }

    @Test
    void aParkedReaderIsWokenByTheNextPublication() throws Exception {
        BroadcastRing ring = new BroadcastRing(8);
        CountDownLatch woke = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            ring.awaitPublication(0, TimeUnit.SECONDS.toNanos(30));
            woke.countDown();
        });
        reader.start();
        awaitParkedInRing(reader);
        ring.publish("x");
        assertThat(woke.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aReaderDoesNotParkWhenItsEventIsAlreadyThere() {
        BroadcastRing ring = new BroadcastRing(8);
        ring.publish("x");
        long start = System.nanoTime();
        ring.awaitPublication(0, TimeUnit.SECONDS.toNanos(30));
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void slotsEveryReaderHasPassedAreReleasedAndTheOthersKept() {
        BroadcastRing ring = new BroadcastRing(16);
        BroadcastRing.Reader slow = ring.register();
        BroadcastRing.Reader fast = ring.register();
        for (int i = 0; i < 10; i++) {
            ring.publish("e" + i);
        }
        fast.next = 10;
        slow.next = 6;
        ring.release();
        for (long s = 0; s < 6; s++) {
            assertThat(ring.slot(s)).isNull();
        }
        for (long s = 6; s < 10; s++) {
            assertThat(ring.slot(s).event()).isEqualTo("e" + s);
        }
        ring.unregister(slow);
        ring.release();
        for (long s = 0; s < 10; s++) {
            assertThat(ring.slot(s)).isNull();
        }
    }

    @Test
    void aReleaseNeverClearsANewerLapsEvent() {
        BroadcastRing ring = new BroadcastRing(4);
        BroadcastRing.Reader reader = ring.register();
        for (int i = 0; i < 6; i++) {
            ring.publish("e" + i);
        }
        reader.next = 5;
        ring.release();
        // sequence 1's slot now holds 5, which the reader has not read
        assertThat(ring.slot(5).sequence()).isEqualTo(5);
        assertThat(ring.slot(5).event()).isEqualTo("e5");
        assertThat(ring.slot(4)).isNull();
    }

    @Test
    void aNewReaderStartsAtTheCursorAndHoldsWhatComesAfter() {
        BroadcastRing ring = new BroadcastRing(1 << 12);
        for (int i = 0; i < 3000; i++) {
            ring.publish(i);
        }
        // nobody reads: the publisher released what it published (every RELEASE_EVERY publications)
        assertThat(ring.slot(0)).isNull();
        BroadcastRing.Reader reader = ring.register();
        assertThat(reader.next).isEqualTo(3000);
        for (int i = 3000; i < 4000; i++) {
            ring.publish(i);
        }
        for (long s = 3000; s < 4000; s++) {
            assertThat(ring.slot(s).event()).isEqualTo((int) s);
        }
    }

    @Test
    void aReaderThatParksAgainIsWokenAgain() throws Exception {
        BroadcastRing ring = new BroadcastRing(8);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch parkAgain = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            ring.awaitPublication(0, TimeUnit.SECONDS.toNanos(30));
            first.countDown();
            try {
                parkAgain.await();
            } catch (InterruptedException e) {
                return;
            }
            ring.awaitPublication(1, TimeUnit.SECONDS.toNanos(30));
            second.countDown();
        });
        reader.start();
        awaitParkedInRing(reader);
        ring.publish("x");
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        parkAgain.countDown();
        awaitParkedInRing(reader);
        ring.publish("y");
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * Waits until the reader parks in {@code awaitPublication} (a timed park: the latch waits are untimed), so that
     * the publication really has to wake it.
     */
    private static void awaitParkedInRing(Thread reader) {
        Await.until("the reader parked in awaitPublication", () -> reader.getState() == Thread.State.TIMED_WAITING);
    }
}
