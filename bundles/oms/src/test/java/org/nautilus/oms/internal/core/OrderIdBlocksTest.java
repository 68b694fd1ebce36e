package org.nautilus.oms.internal.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nautilus.api.store.StoreException;
import org.nautilus.api.store.TradingStore;

class OrderIdBlocksTest {

    /** A store that answers only id reservations: counted, and failing while {@link #failing} is set. */
    private static final class Reservations {
        final AtomicLong next = new AtomicLong(1);
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;

        TradingStore store() {
            return (TradingStore) Proxy.newProxyInstance(TradingStore.class.getClassLoader(),
                    new Class<?>[] {TradingStore.class}, (proxy, method, args) -> {
                        if (!method.getName().equals("reserveOrderIds")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        calls.incrementAndGet();
                        if (failing) {
                            throw new StoreException("disk gone");
                        }
                        return next.getAndAdd((Integer) args[0]);
                    });
        }
    }

    @Test
    void ids_are_unique_and_increasing_and_the_next_block_is_reserved_at_half_of_the_current() {
        Reservations store = new Reservations();
        OrderIdBlocks ids = new OrderIdBlocks(store.store(), 10, Runnable::run);
        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            taken.add(ids.next());
        }
        assertThat(store.calls).hasValue(1);
        taken.add(ids.next()); // the fifth of ten: half handed out, the next block is asked for
        assertThat(store.calls).hasValue(2);
        for (int i = 0; i < 25; i++) {
            taken.add(ids.next());
        }
        assertThat(taken).hasSize(30).doesNotHaveDuplicates().isSorted();
        assertThat(taken.get(0)).isEqualTo(1);
        assertThat(taken.get(29)).isEqualTo(30);
        // Three blocks used and the fourth reserved ahead (its half reached at id 25).
        assertThat(store.calls).hasValue(4);
    }

    @Test
    void taking_ids_does_not_wait_for_the_reservation_ahead_until_the_block_runs_out() {
        Reservations store = new Reservations();
        List<Runnable> pending = new ArrayList<>();
        OrderIdBlocks ids = new OrderIdBlocks(store.store(), 10, pending::add);
        for (int i = 0; i < 10; i++) {
            assertThat(ids.next()).isEqualTo(i + 1);
        }
        // The reservation ahead was asked for but has not run: only the first block's reservation reached the store.
        assertThat(pending).hasSize(1);
        assertThat(store.calls).hasValue(1);
        pending.get(0).run();
        assertThat(ids.next()).isEqualTo(11);
        assertThat(store.calls).hasValue(2);
    }

    @Test
    void a_failed_reservation_ahead_is_made_again_when_needed_and_a_failure_then_is_the_callers() {
        Reservations store = new Reservations();
        OrderIdBlocks ids = new OrderIdBlocks(store.store(), 4, Runnable::run);
        assertThat(ids.next()).isEqualTo(1);
        store.failing = true;
        assertThat(ids.next()).isEqualTo(2); // half: the reservation ahead fails in the background
        assertThat(ids.next()).isEqualTo(3);
        assertThat(ids.next()).isEqualTo(4);
        assertThatThrownBy(ids::next).isInstanceOf(StoreException.class).hasMessageContaining("disk gone");
        store.failing = false;
        assertThat(ids.next()).isEqualTo(5);
        assertThat(ids.peek()).isEqualTo(6);
        assertThat(ids.next()).isEqualTo(6);
    }

    @Test
    void a_block_of_fewer_than_two_ids_is_refused() {
        assertThatThrownBy(() -> new OrderIdBlocks(new Reservations().store(), 1, Runnable::run))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
    }
}
