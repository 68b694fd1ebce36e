package org.nautilus.venue.simulated.internal.matching;

import java.util.Arrays;

/**
 * Stop orders of one side waiting for their trigger, in trigger order: buy stops by ascending stop price
 * (the lowest triggers first as the market rises), sell stops by descending stop price; equal stop prices
 * in arrival order.
 */
final class StopList {

    private final boolean buy;
    private BookOrder[] orders = new BookOrder[16];
    private int size;

    StopList(boolean buy) {
        this.buy = buy;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    BookOrder first() {
        return size == 0 ? null : orders[0];
    }

    BookOrder get(int i) {
        return orders[i];
    }

    void add(BookOrder order) {
        if (size == orders.length) {
            orders = Arrays.copyOf(orders, size * 2);
        }
        int at = size;
        while (at > 0 && triggersBefore(order.stopPrice, orders[at - 1].stopPrice)) {
            at--;
        }
        System.arraycopy(orders, at, orders, at + 1, size - at);
        orders[at] = order;
        size++;
    }

    void remove(BookOrder order) {
        for (int i = 0; i < size; i++) {
            if (orders[i] == order) {
                System.arraycopy(orders, i + 1, orders, i, size - i - 1);
                orders[--size] = null;
                return;
            }
        }
        throw new IllegalStateException("stop order " + order.id + " is not in the stop list");
    }

    private boolean triggersBefore(long stop, long other) {
        return buy ? stop < other : stop > other;
    }
}
