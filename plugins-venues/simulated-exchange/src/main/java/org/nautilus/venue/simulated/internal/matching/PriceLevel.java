package org.nautilus.venue.simulated.internal.matching;

/** All orders resting at one price on one side, in time priority (a FIFO doubly-linked list). */
final class PriceLevel {

    long price;
    long quantity;
    int orders;
    BookOrder head;
    BookOrder tail;
    /** Next free level while pooled. */
    PriceLevel nextFree;

    void append(BookOrder order) {
        order.level = this;
        order.next = null;
        order.prev = tail;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        quantity += order.leaves;
        orders++;
    }

    /** Unlinks {@code order}; the caller has already taken its leaves out of {@link #quantity} or does it here. */
    void unlink(BookOrder order) {
        if (order.prev == null) {
            head = order.next;
        } else {
            order.prev.next = order.next;
        }
        if (order.next == null) {
            tail = order.prev;
        } else {
            order.next.prev = order.prev;
        }
        order.prev = null;
        order.next = null;
        order.level = null;
        orders--;
    }

    boolean isEmpty() {
        return head == null;
    }
}
